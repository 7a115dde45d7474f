"""Configuration de nbgrader du compte de correction (grader-academie-obm).

À copier dans /home/grader-academie-obm/.jupyter/nbgrader_config.py. Le dépôt du cours est
cloné dans /home/grader-academie-obm/academie-obm ; son propre nbgrader_config.py (sources,
carnet, limites de temps, stubs en français) est lu ensuite, depuis la racine du cours.
"""

c = get_config()  # noqa: F821 (fourni par nbgrader)

c.CourseDirectory.root = "/home/grader-academie-obm/academie-obm"
c.CourseDirectory.course_id = "academie-obm"
# Un journal pour comprendre un souci du formgrader partagé.
c.NbGrader.logfile = "/home/grader-academie-obm/nbgrader.log"
