"""An independent generator of sample letters (written without reading the reader)."""
