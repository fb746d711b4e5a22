"""Reading articles: files and folders (or in-memory articles) in, Documents and the reasons for
skipped ones out."""

from checker.ingest.reader import build_document, markup_of, read_articles, read_documents

__all__ = ["build_document", "markup_of", "read_articles", "read_documents"]
