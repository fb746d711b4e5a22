"""End-to-end evaluation: perturbation corpora built from the seeds, runners and scoring.

* ``lexicon``: the eval's own word lists (names and their stand-ins, places, weekdays,
  number words, negations, synonyms); deliberately independent of the checker's KB,
  so that the eval does not grade the checker with its own answers.
* ``gold``: eval/gold/seeds_expected.yaml (events, the one real error, justified findings).
* ``corpus``: the seeds as articles; edits; writing a corpus to a folder.
* ``perturb``: finding edit sites by rule and turning them into perturbations and controls.
* ``runner``: running the checker over the corpora and scoring what it reports.
"""
