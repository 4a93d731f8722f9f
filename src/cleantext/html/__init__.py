"""Main-text extraction from raw HTML pages, with every dropped block reported."""
