"""Photos and share cards: originals in, clean responsive images out."""
