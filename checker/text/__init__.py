"""Text utilities: normalisation for matching, language id, sentence segmentation, line shapes."""
