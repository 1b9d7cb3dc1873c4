"""Writing things people read: review reports now; the standard tables, the narrative report
and summaries as the render issue lands.  One module per output."""
