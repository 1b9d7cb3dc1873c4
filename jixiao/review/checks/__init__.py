"""The review's checks, one module per part of the table.  Each check reads a ``Context`` and
adds findings; none changes the evaluation or depends on another check's findings."""
