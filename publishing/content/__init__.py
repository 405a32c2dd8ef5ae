"""What every kind's half of the content loader shares (README, "Content as files"): typed
fields with errors naming file and field, the Markdown file format, and the steps that
write a row only when it differs. Each app reads and writes its own kind
(encyclopedia/content.py, careers/content.py); website/corpus puts them together."""
