# Académie OBM : les commandes du cours. Chaque cible crée l'environnement .venv s'il manque.
#   make lab       ouvre JupyterLab (en français) sur la page d'accueil, vue apprenante, autoformation
#   make lab-formatrice  la vue complète de la formatrice (formgrader, tous les dossiers)
#   make test      lance toute la suite de tests
#   make release   régénère les catalogues d'erreurs typiques, puis exercises/ à partir de solutions/
#   make accueil   régénère accueil.ipynb à partir de course/syllabus.toml
#   make nettoyer  enlève les sorties des notebooks sources avant un commit
#   make data      régénère les données de data/ avec leur générateur (graine fixe)
#   make bench     mesure les temps d'exécution (leçons, exercices, import obm)
#   make demo      une cohorte fictive de 20 apprenantes, de l'import des copies au rapport
#   make bench-grading  mesure obm corriger --jobs 2 contre nbgrader autograde (40 copies)
#   make bundle    construit le paquet des apprenantes (paquet/ : dossier et zip, sans corrigés)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= auto
# nbgrader appelle `alembic` comme une commande : le bin de .venv doit être dans le PATH.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: lab lab-formatrice test release accueil nettoyer data bench bundle demo bench-grading

$(VENV)/.installe: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Il faut Python 3.11 ou plus récent : vérifie « python3 --version ».")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e . -c constraints.txt
	$(PY) -m obm.installation
	touch $@

$(VENV)/.tests: $(VENV)/.installe
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]" -c constraints.txt
	touch $@

# La vue apprenante (sans les outils ni les dossiers de la formatrice), en autoformation : les
# vérifications comparent avec le corrigé (fichier .obm-autonomie, ignoré par git, jamais dans
# le paquet d'une cohorte).
lab: $(VENV)/.installe
	touch .obm-autonomie
	JUPYTER_CONFIG_DIR=$(VENV)/etc/obm-vue-apprenante $(PY) -m jupyterlab --LabApp.default_url=/lab/tree/accueil.ipynb

# La vue complète de la formatrice : formgrader, création d'exercices, tous les dossiers. Le
# formgrader y refuse toute note posée sur une copie non notée (obm.correction.garde_formgrader).
lab-formatrice: $(VENV)/.installe
	$(PY) -c 'from obm.installation import configurer_garde_formgrader; configurer_garde_formgrader()'
	$(PY) -m jupyterlab --LabApp.default_url=/lab/tree/accueil.ipynb

test: $(VENV)/.tests
	$(PY) -m pytest -n $(JOBS) --dist loadgroup --durations=5 --nbval-lax tests course/modules solutions

release: $(VENV)/.installe
	$(PY) -m obm.catalogue
	@for dossier in solutions/*/; do \
		exercice=$$(basename "$$dossier"); \
		rm -rf "exercises/$$exercice"; \
		$(PY) -m nbgrader generate_assignment "$$exercice" --force --log-level=WARN || exit 1; \
	done
	@echo "exercises/ régénéré depuis solutions/ : relis le diff puis committe-le."

accueil: $(VENV)/.installe
	$(PY) -m obm.accueil

nettoyer: $(VENV)/.installe
	$(PY) outils/nettoyer_notebooks.py

bundle: $(VENV)/.installe
	$(PY) outils/construire_paquet.py

data: $(VENV)/.installe
	@for generateur in data/generer*.py; do echo "$$generateur"; $(PY) "$$generateur" || exit 1; done

bench: $(VENV)/.tests
	$(PY) benchmarks/run.py
	$(PY) benchmarks/bench_planification.py
	$(PY) benchmarks/bench_progression.py
	$(PY) benchmarks/bench_feedback.py
	$(PY) benchmarks/bench_clarte.py

demo: $(VENV)/.installe
	$(PY) -m obm.correction.demo

bench-grading: $(VENV)/.installe
	$(PY) benchmarks/bench_correction.py
