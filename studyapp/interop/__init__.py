"""Other tools' formats: export a bank to GIFT, Moodle XML, Aiken, Anki and CSV; import GIFT and
Moodle XML into a bank in our YAML format.

Each format has its own module. Exporters take a `model.Bank` and return what they wrote plus a
`Problem` (severity "warning") for every question or detail the target cannot carry, so that
nothing is dropped silently. Importers return a bank as plain data for `yaml_writer` plus the
same kind of report, naming the line of the source file.
"""
