"""Facts of Japan's public personal authentication (JPKI) shared by the simulator, the card helper and the server.

One place for each rule: the card's protocol (`protocol`), the certificate profile (`profile`),
the birth-date encoding (`era`) and what exactly gets signed (`binding`).
"""
