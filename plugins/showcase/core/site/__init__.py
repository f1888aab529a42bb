"""The public site's pages, engine-free: index, plan, texts, footer, statistics, sanitizing."""
