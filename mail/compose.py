"""An outbox row as a MIME message: UTF-8 text (and HTML), encoded subject, Date and Message-ID."""
import email.policy
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime

# The SMTP policy folds and RFC 2047-encodes non-ASCII headers and uses CRLF line ends.
POLICY = email.policy.SMTP


def sender_domain(sender):
    return sender.rpartition("@")[2].strip(">").strip() or "localhost"


def compose(row, sender):
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = row["recipient"]
    message["Subject"] = row["subject"]
    message["Date"] = format_datetime(datetime.fromtimestamp(row["created_at"], timezone.utc))
    # Stored at enqueue, so every retry carries the same Message-ID and a receiver can drop duplicates.
    message["Message-ID"] = f"<{row['message_id']}@{sender_domain(sender)}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies to the system
    message.set_content(row["text_body"], charset="utf-8")
    if row["html_body"]:
        message.add_alternative(row["html_body"], subtype="html", charset="utf-8")
    # After set_content, which drops every Content-* header set before it.
    message["Content-Language"] = {"zh": "zh-Hans"}.get(row["language"], row["language"])
    return message
