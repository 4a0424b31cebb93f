"""Pure rules of the residence procedures: data plus functions, no Flask, no SQL.

Labels are English msgids marked with N_ so the catalogs translate them where shown.
"""
