"""The real-news benchmark: Egyptian press clusters, noise corpora and hand labels.

Article texts are read from the shared data folder and never committed; this package commits
only rules, article ids and labels. See eval/real/README.md.
"""
