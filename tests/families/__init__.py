"""The layout-family generator: every truth table written in each layout family of the field,
as .txt, .docx, .xlsx, .xls, .pdf and .html, so that ingest accuracy is measured per family
and per format on tables whose content is known exactly.

``truth`` loads the truth tables from ../shared at run time (never copied into the repository);
``form`` lays a truth table out as the national form (the base every family varies);
``families`` holds one small named writer per family; ``formats`` writes a laid-out document
in each file format; ``measure`` generates, reads back and compares.
"""
