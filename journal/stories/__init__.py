"""Stories: turns co-written with a companion, with alternatives, branches and memory."""
