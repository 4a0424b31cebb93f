"""One blueprint folder per journey of DESIGN.md, registered here in the order they apply."""


def register_blueprints(app):
    from blueprints.applications import bp as applications
    from blueprints.auth import bp as auth
    from blueprints.bulk import bp as bulk
    from blueprints.card import bp as card
    from blueprints.console import init_app as init_console
    from blueprints.errors import init_app as init_errors
    from blueprints.gate import bp as gate
    from blueprints.guidance import bp as guidance
    from blueprints.helper_download import bp as helper_download
    from blueprints.language import bp as language
    from blueprints.mailbox import init_app as init_mailbox
    from blueprints.password import bp as password
    from blueprints.registration import bp as registration
    from blueprints.status import bp as status
    from blueprints.submission import bp as submission
    from blueprints.profile import bp as profile
    from blueprints.organisations import bp as organisations
    from blueprints.organisation_filing import bp as organisation_filing
    from blueprints.converters import init_app as init_converters

    init_converters(app)  # before any route is added
    app.register_blueprint(language)
    app.register_blueprint(gate)
    app.register_blueprint(guidance)
    app.register_blueprint(helper_download)
    app.register_blueprint(card)
    app.register_blueprint(auth)
    app.register_blueprint(applications)
    app.register_blueprint(registration)
    app.register_blueprint(password)
    app.register_blueprint(profile)
    app.register_blueprint(submission)
    app.register_blueprint(status)
    app.register_blueprint(organisations)
    app.register_blueprint(organisation_filing)
    app.register_blueprint(bulk)
    init_console(app)  # /console: the bureau console, behind its own network gate
    init_mailbox(app)  # demo mode only
    init_errors(app)
