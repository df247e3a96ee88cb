"""Polish morphology on top of Morfeusz2 (SGJP): analysis, disambiguation, generation."""
