"""What travels beyond the pages: feeds, catalog, URL ledger, search index, the Word form (申报表)."""
