"""From a file's bytes to pages of text: sniffing, limits, PDF, images, clean-up and OCR."""
