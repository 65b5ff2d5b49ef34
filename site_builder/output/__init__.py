"""Writing: the rendered site into the output folder, whole or not at all.

Takes the site model and its renderer; gives the output folder. The work is
planned as jobs with keys (`plan`); the jobs whose key changed are made in
worker processes (`writing`); the new tree is built beside the live one and
swapped in with one atomic rename (`tree`); what the next build can skip is
worked out in `incremental`.
"""
