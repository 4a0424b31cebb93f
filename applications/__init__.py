"""Applications (journey 5): the stored answers, attachments and state events shared by the form,
submission and status views."""
