"""What an incremental build remembers between builds, in the config's cache_dir.

Takes nothing from the other stages; gives the reading stage its parse cache and
body store, and the output stage the keys and stamps of the files it wrote. A
cache that is missing, corrupt or from another builder version is ignored.
"""
