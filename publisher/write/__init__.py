"""Writers: the document model → Markdown, JSON."""
