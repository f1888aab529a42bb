"""Submissions as organizations send them (Word form, free-form write-up, photos) into draft case folders."""
