"""`deploy`: the built site onto S3-compatible object storage, only what changed.

Takes the output folder (and the last-good record beside it); gives a bucket whose
objects are the output's files with their media types, cache lifetimes and
redirects. `files` says what each local file is, `bucket` speaks S3 through boto3,
`sync` decides and carries out the uploads and deletes, `websub` tells the hub.
"""
