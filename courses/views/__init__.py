"""Front-end views of learning: the learner's dashboard and actions (``learning``),
the department head's dashboard (``department``), public statistics (``stats``)."""
