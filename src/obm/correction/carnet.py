"""Copies du carnet de notes de nbgrader : la sauvegarde avant chaque correction et le
gabarit d'un module (sa structure, sans apprenante) que chaque processus de correction copie
pour travailler seul.

Tout passe par les tables de nbgrader (SQLAlchemy), si bien que la source peut être SQLite
ou PostgreSQL ; les copies sont toujours des fichiers SQLite.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def _version_alembic(connexion) -> str | None:
    from sqlalchemy import inspect, text

    if "alembic_version" not in inspect(connexion).get_table_names():
        return None
    return connexion.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _copier_tables(url_source: str, chemin: Path, choisir) -> None:
    """Copie dans un nouveau fichier SQLite les lignes que ``choisir(table, lecture)`` sélectionne.

    ``choisir`` renvoie une requête ``select`` ou ``None`` (table laissée vide).
    """
    from nbgrader.api import Base
    from sqlalchemy import create_engine, text

    chemin.parent.mkdir(parents=True, exist_ok=True)
    if chemin.exists():
        chemin.unlink()
    source = create_engine(url_source, future=True)
    cible = create_engine(f"sqlite:///{chemin}", future=True)
    try:
        Base.metadata.create_all(cible)
        with source.connect() as lecture, cible.begin() as ecriture:
            for table in Base.metadata.sorted_tables:
                requete = choisir(table, lecture)
                if requete is None:
                    continue
                lignes = [dict(ligne._mapping) for ligne in lecture.execute(requete)]
                if lignes:
                    ecriture.execute(table.insert(), lignes)
            version = _version_alembic(lecture)
            # Same stamp as the source, so that `nbgrader db upgrade` treats the copy alike.
            ecriture.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            if version:
                ecriture.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"),
                                 {"v": version})
    finally:
        source.dispose()
        cible.dispose()


def sauvegarder(url: str, dossier: Path, etiquette: str) -> Path:
    """Copie tout le carnet dans ``dossier/gradebook.avant-<etiquette>-<date>.db`` et renvoie le chemin."""
    from sqlalchemy import select

    horodatage = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    chemin = Path(dossier) / f"gradebook.avant-{etiquette}-{horodatage}.db"
    _copier_tables(url, chemin, lambda table, _lecture: select(table))
    return chemin


def gabarit_module(url: str, module: str, chemin: Path) -> None:
    """Écrit dans ``chemin`` un carnet SQLite qui ne contient que le cours et le module :
    le module, ses notebooks et leurs cellules (notées, de solution, sources), sans apprenante."""
    from nbgrader.api import Base
    from sqlalchemy import select

    tables = Base.metadata.tables
    assignment, notebook, base_cell = tables["assignment"], tables["notebook"], tables["base_cell"]
    ids: dict[str, list[str]] = {}

    def choisir(table, lecture):
        nom = table.name
        if nom == "course":
            return select(table)
        if nom == "assignment":
            requete = select(table).where(table.c.name == module)
            ids["assignment"] = [l.id for l in lecture.execute(select(assignment.c.id)
                                                                .where(assignment.c.name == module))]
            return requete
        if nom == "notebook":
            ids["notebook"] = [l.id for l in lecture.execute(
                select(notebook.c.id).where(notebook.c.assignment_id.in_(ids["assignment"])))]
            return select(table).where(table.c.assignment_id.in_(ids["assignment"]))
        if nom in ("base_cell", "source_cell"):
            if nom == "base_cell":
                ids["base_cell"] = [l.id for l in lecture.execute(
                    select(base_cell.c.id).where(base_cell.c.notebook_id.in_(ids["notebook"])))]
            return select(table).where(table.c.notebook_id.in_(ids["notebook"]))
        if nom in ("grade_cells", "solution_cells", "task_cells"):
            return select(table).where(table.c.id.in_(ids["base_cell"]))
        return None  # students, submissions, grades, comments: none in a template

    _copier_tables(url, chemin, choisir)
