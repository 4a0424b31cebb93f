"""The systemd units in deploy/ start commands the app really has, gunicorn without a shared control socket."""
import configparser
import pathlib
import shlex

import pytest

DEPLOY = pathlib.Path(__file__).resolve().parents[2] / "deploy"


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(DEPLOY.joinpath(name).read_text().replace("\\\n", " "))
    return parser


@pytest.mark.parametrize("name,key,command", [("oras-mail-worker.service", "ExecStart", "mail-worker"),
                                              ("oras-bulk-worker.service", "ExecStart", "bulk-worker"),
                                              ("oras-reminders.service", "ExecStart", "send-reminders"),
                                              ("oras-reminders.service", "ExecStartPost", "organisation-reminders")])
def test_flask_commands_exist(app, name, key, command):
    argv = shlex.split(unit(name)["Service"][key])
    assert argv[-1] == command and app.cli.get_command(None, command) is not None


def test_site_unit_runs_gunicorn_on_the_factory_without_a_control_socket():
    argv = shlex.split(unit("oras-site.service")["Service"]["ExecStart"])
    assert argv[0].endswith("/gunicorn") and "--no-control-socket" in argv and argv[-1] == "app:create_app()"


def test_the_timer_starts_the_reminders_daily():
    timer = unit("oras-reminders.timer")["Timer"]
    assert timer["OnCalendar"].startswith("*-*-*") and timer["Persistent"] == "true"
