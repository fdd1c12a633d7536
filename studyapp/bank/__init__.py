"""Question banks: YAML files to model objects, validation with file:line errors, grading."""
