"""Reading articles: files and folders in, Documents (and the reasons for skipped files) out."""

from checker.ingest.reader import build_document, markup_of, read_documents

__all__ = ["build_document", "markup_of", "read_documents"]
