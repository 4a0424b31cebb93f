"""Numbered migrations: append a new entry, never edit one that has shipped."""

MIGRATIONS = [
    (1, [
        # Single-use nonces for card authentication, shared by every server worker.
        """CREATE TABLE nonce (
            value TEXT PRIMARY KEY,
            purpose TEXT NOT NULL,
            session_id TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX nonce_created ON nonce(created_at)",
    ]),
    (2, [
        # Mail waiting to be sent, written in the same transaction as the event that causes it.
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            language TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            html_body TEXT,
            message_id TEXT NOT NULL UNIQUE,
            created_at REAL NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            claimed_by TEXT,
            lease_until REAL,
            last_error TEXT,
            sent_at REAL
        )""",
        # The worker's claim query reads only due rows, however long the table grows.
        "CREATE INDEX outbox_due ON outbox(status, next_attempt_at) WHERE status IN ('pending', 'sending')",
        # Rate-limit counters shared by every server process (limits storage oras-sqlite://).
        """CREATE TABLE rate_limit_counter (
            key TEXT PRIMARY KEY,
            count INTEGER NOT NULL,
            expires_at REAL NOT NULL
        )""",
        "CREATE INDEX rate_limit_counter_expiry ON rate_limit_counter(expires_at)",
        """CREATE TABLE rate_limit_entry (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX rate_limit_entry_key ON rate_limit_entry(key, at)",
    ]),
    (3, [
        # Registered applicants; name and birth date come from the signing certificate.
        """CREATE TABLE account (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            email TEXT NOT NULL,
            residence_card_number TEXT NOT NULL UNIQUE,
            nationality TEXT NOT NULL,
            phone TEXT NOT NULL,
            language TEXT NOT NULL,
            auth_certificate BLOB NOT NULL,
            auth_fingerprint TEXT NOT NULL UNIQUE,
            sign_certificate BLOB NOT NULL,
            sign_fingerprint TEXT NOT NULL UNIQUE,
            password_hash TEXT,
            password_set_at TEXT,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX account_password_set ON account(password_set_at)",
        # One-time links (set password, reset password, confirm email); only the hash is kept.
        """CREATE TABLE account_token (
            token_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id),
            kind TEXT NOT NULL,
            payload TEXT,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used_at REAL
        )""",
        "CREATE INDEX account_token_account ON account_token(account_id, kind)",
        # Server-side login sessions, so a password change or "log out everywhere" ends them all.
        """CREATE TABLE user_session (
            id_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id),
            created_at REAL NOT NULL,
            last_seen REAL NOT NULL,
            ended_at REAL
        )""",
        "CREATE INDEX user_session_account ON user_session(account_id) WHERE ended_at IS NULL",
        # Card answers verified during registration or renewal, waiting for the form that uses them.
        """CREATE TABLE card_proof (
            browser_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            certificate BLOB NOT NULL,
            verified_at REAL NOT NULL,
            PRIMARY KEY (browser_id, purpose)
        )""",
        # Password-expiry reminders already sent: one per password and per reminder.
        """CREATE TABLE password_reminder (
            account_id INTEGER NOT NULL REFERENCES account(id),
            password_set_at TEXT NOT NULL,
            days_before INTEGER NOT NULL,
            sent_at REAL NOT NULL,
            PRIMARY KEY (account_id, password_set_at, days_before)
        )""",
    ]),
    (4, [
        # Applications from draft to the card's dispatch; `public_id` is what URLs carry.
        """CREATE TABLE application (
            id INTEGER PRIMARY KEY,
            public_id TEXT NOT NULL UNIQUE,
            account_id INTEGER NOT NULL REFERENCES account(id),
            procedures TEXT NOT NULL,
            reentry_kind TEXT,
            status_code TEXT,
            state TEXT NOT NULL DEFAULT 'draft',
            data TEXT NOT NULL DEFAULT '{}',
            version INTEGER NOT NULL DEFAULT 1,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            submitted_at REAL,
            receipt_number TEXT UNIQUE,
            bureau TEXT,
            digest TEXT,
            signature BLOB,
            signer_certificate BLOB,
            submit_key TEXT UNIQUE
        )""",
        # The applicant's list, newest first, read by keyset pagination.
        "CREATE INDEX application_account ON application(account_id, updated_at DESC, id DESC)",
        # A bureau's queue by state (the officers' console).
        "CREATE INDEX application_bureau_state ON application(bureau, state, submitted_at)",
        # Uploaded files, content-addressed: one row and one file per distinct SHA-256.
        """CREATE TABLE attachment_blob (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        """CREATE TABLE application_attachment (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            sha256 TEXT NOT NULL REFERENCES attachment_blob(sha256),
            kind TEXT NOT NULL CHECK (kind IN ('photo', 'document', 'requested')),
            file_name TEXT NOT NULL,
            added_at REAL NOT NULL
        )""",
        "CREATE INDEX application_attachment_application ON application_attachment(application_id)",
        # Every change of state, with who made it: the status page's dated steps.
        """CREATE TABLE application_event (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            from_state TEXT,
            to_state TEXT NOT NULL,
            actor TEXT NOT NULL,
            note TEXT,
            at REAL NOT NULL
        )""",
        "CREATE INDEX application_event_application ON application_event(application_id, at)",
    ]),
    (5, [
        # A photo or scan is stored re-encoded without its metadata; the applicant's own file's hash stays here.
        "ALTER TABLE application_attachment ADD COLUMN original_sha256 TEXT",
    ]),
]

MIGRATIONS.append((6, [
    # Bureau officers (the console): accounts the operator creates; sign-in needs the password and a security key.
    """CREATE TABLE officer (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        office TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('examiner', 'supervisor', 'admin')),
        password_hash TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until REAL,
        disabled_at REAL,
        created_at REAL NOT NULL
    )""",
    "CREATE INDEX officer_office ON officer(office, role)",
    # WebAuthn credentials (security keys, passkeys) registered at enrolment.
    """CREATE TABLE officer_credential (
        id INTEGER PRIMARY KEY,
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        credential_id BLOB NOT NULL UNIQUE,
        public_key BLOB NOT NULL,
        sign_count INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL
    )""",
    "CREATE INDEX officer_credential_officer ON officer_credential(officer_id)",
    # One-time enrolment links; only the hash is kept.
    """CREATE TABLE officer_token (
        token_hash TEXT PRIMARY KEY,
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL,
        used_at REAL
    )""",
    # Console sessions, apart from the applicants' (own cookie, own idle limit); disabling an officer ends them.
    """CREATE TABLE console_session (
        id_hash TEXT PRIMARY KEY,
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        csrf TEXT NOT NULL,
        created_at REAL NOT NULL,
        last_seen REAL NOT NULL,
        ended_at REAL
    )""",
    "CREATE INDEX console_session_officer ON console_session(officer_id) WHERE ended_at IS NULL",
    # A case's desk state: who has it, and whether requested documents arrived since the officer last looked.
    """CREATE TABLE case_desk (
        application_id INTEGER PRIMARY KEY REFERENCES application(id),
        assigned_to INTEGER REFERENCES officer(id),
        documents_arrived_at REAL,
        version INTEGER NOT NULL DEFAULT 1
    )""",
    "CREATE INDEX case_desk_assigned ON case_desk(assigned_to)",
    # Internal notes and console actions (proposals, returns, envelope, dispatch): the officers' side of the timeline.
    """CREATE TABLE case_entry (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES application(id),
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        at REAL NOT NULL
    )""",
    "CREATE INDEX case_entry_application ON case_entry(application_id, at)",
    # Requests for documents (資料提出通知), with their deadline.
    """CREATE TABLE document_request (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES application(id),
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        items TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        deadline TEXT NOT NULL,
        created_at REAL NOT NULL,
        closed_at REAL
    )""",
    "CREATE INDEX document_request_open ON document_request(application_id) WHERE closed_at IS NULL",
    "CREATE INDEX document_request_deadline ON document_request(deadline) WHERE closed_at IS NULL",
    # Proposed decisions and their four-eyes approval or return.
    """CREATE TABLE case_decision (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES application(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('grant', 'refuse')),
        detail TEXT NOT NULL,
        proposed_by INTEGER NOT NULL REFERENCES officer(id),
        proposed_at REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'returned')),
        decided_by INTEGER REFERENCES officer(id),
        decided_at REAL,
        comment TEXT,
        CHECK (decided_by IS NULL OR decided_by != proposed_by)
    )""",
    # At most one open proposal per case: a second officer's concurrent proposal fails, nothing lost.
    "CREATE UNIQUE INDEX case_decision_open ON case_decision(application_id) WHERE status = 'proposed'",
    "CREATE INDEX case_decision_decided ON case_decision(application_id, status, decided_at)",
    # The new card: envelope arrival, dispatch by registered post, or handover at the counter.
    """CREATE TABLE card_delivery (
        application_id INTEGER PRIMARY KEY REFERENCES application(id),
        envelope_at REAL,
        envelope_by INTEGER REFERENCES officer(id),
        dispatched_at REAL,
        dispatched_by INTEGER REFERENCES officer(id),
        tracking_number TEXT,
        handed_over_at REAL,
        handed_over_by INTEGER REFERENCES officer(id)
    )""",
    # The audit log: append-only (the triggers), each row chained to the one before by SHA-256.
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        officer_id INTEGER,
        officer_email TEXT,
        office TEXT,
        action TEXT NOT NULL,
        application_id INTEGER,
        detail TEXT NOT NULL DEFAULT '{}',
        address TEXT,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    )""",
    "CREATE INDEX audit_log_office ON audit_log(office, at)",
    "CREATE INDEX audit_log_application ON audit_log(application_id, id)",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    # The queue, oldest first, read by keyset pagination within one office.
    "CREATE INDEX application_bureau_submitted ON application(bureau, submitted_at, id)",
    # The queue's counts by state, kept by triggers: reading them costs the same at any table size.
    """CREATE TABLE queue_count (
        bureau TEXT NOT NULL,
        state TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (bureau, state)
    ) WITHOUT ROWID""",
    """INSERT INTO queue_count (bureau, state, n)
        SELECT bureau, state, COUNT(*) FROM application WHERE bureau IS NOT NULL GROUP BY bureau, state""",
    """CREATE TRIGGER queue_count_insert AFTER INSERT ON application WHEN NEW.bureau IS NOT NULL BEGIN
        INSERT INTO queue_count (bureau, state, n) VALUES (NEW.bureau, NEW.state, 1)
            ON CONFLICT (bureau, state) DO UPDATE SET n = n + 1;
    END""",
    """CREATE TRIGGER queue_count_update AFTER UPDATE OF state, bureau ON application
        WHEN OLD.bureau IS NOT NEW.bureau OR OLD.state IS NOT NEW.state BEGIN
        UPDATE queue_count SET n = n - 1 WHERE OLD.bureau IS NOT NULL AND bureau = OLD.bureau AND state = OLD.state;
        INSERT INTO queue_count (bureau, state, n) SELECT NEW.bureau, NEW.state, 1 WHERE NEW.bureau IS NOT NULL
            ON CONFLICT (bureau, state) DO UPDATE SET n = n + 1;
    END""",
    """CREATE TRIGGER queue_count_delete AFTER DELETE ON application WHEN OLD.bureau IS NOT NULL BEGIN
        UPDATE queue_count SET n = n - 1 WHERE bureau = OLD.bureau AND state = OLD.state;
    END""",
]))

MIGRATIONS.append((7, [
    # The applicant's name as search keys (rules.name_search), written at submission: the console's search by
    # name in kanji, kana or Latin letters reads this index instead of every application of the bureau.
    """CREATE TABLE application_name_key (
        key TEXT NOT NULL,
        application_id INTEGER NOT NULL REFERENCES application(id),
        PRIMARY KEY (key, application_id)
    ) WITHOUT ROWID""",
]))

MIGRATIONS.append((8, [
    # A security-key ceremony under way (sign-in or enrolment): its WebAuthn challenge and, enrolling, the new
    # password's hash, kept here and not in the readable console cookie (which holds only the random handle).
    # Taken once (deleted when answered) and refused after a few minutes, so a saved cookie and a saved
    # assertion never sign in again.
    """CREATE TABLE console_ceremony (
        handle_hash TEXT PRIMARY KEY,
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        purpose TEXT NOT NULL,
        challenge TEXT NOT NULL,
        password_hash TEXT,
        created_at REAL NOT NULL
    )""",
    "CREATE INDEX console_ceremony_officer ON console_ceremony(officer_id)",
]))

MIGRATIONS.append((9, [
    # Which required document an upload is (rules.documents: a document's code, or "other"); NULL for the photo,
    # documents the bureau asked for later and uploads made before this.
    "ALTER TABLE application_attachment ADD COLUMN requirement TEXT",
]))

MIGRATIONS.append((10, [
    # Whether any attachment still uses a blob (a deleted draft's files go with it unless another uses them).
    "CREATE INDEX application_attachment_blob ON application_attachment(sha256)",
    "CREATE INDEX application_attachment_original_blob ON application_attachment(original_sha256) "
    "WHERE original_sha256 IS NOT NULL",
    # The residence card numbers an account held before (a renewal brings a new card and number).
    """CREATE TABLE residence_card_history (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account(id),
        residence_card_number TEXT NOT NULL,
        replaced_at REAL NOT NULL
    )""",
    "CREATE INDEX residence_card_history_account ON residence_card_history(account_id, replaced_at)",
]))

MIGRATIONS.append((11, [
    # The queue's sortable columns, each read in order from an index of the office (keyset pages, never a sort
    # of the bureau's rows): the stay's expiry as answered and the assignee's name, copied by triggers from the
    # answers and the desk so that bulk writes and every path of the code keep them.
    "ALTER TABLE application ADD COLUMN stay_expires TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE application ADD COLUMN assignee_name TEXT NOT NULL DEFAULT ''",
    """UPDATE application SET stay_expires = COALESCE(CAST(json_extract(data, '$.expiry_date') AS TEXT), '')
        WHERE submitted_at IS NOT NULL AND json_valid(data)""",
    """UPDATE application SET assignee_name = COALESCE((SELECT o.name FROM case_desk d JOIN officer o
        ON o.id = d.assigned_to WHERE d.application_id = application.id), '')""",
    """CREATE TRIGGER application_stay_expires_insert AFTER INSERT ON application
        WHEN NEW.submitted_at IS NOT NULL AND json_valid(NEW.data) BEGIN
        UPDATE application SET stay_expires = COALESCE(CAST(json_extract(NEW.data, '$.expiry_date') AS TEXT), '')
            WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER application_stay_expires_update AFTER UPDATE OF submitted_at, data ON application
        WHEN NEW.submitted_at IS NOT NULL AND json_valid(NEW.data) BEGIN
        UPDATE application SET stay_expires = COALESCE(CAST(json_extract(NEW.data, '$.expiry_date') AS TEXT), '')
            WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER case_desk_assignee_insert AFTER INSERT ON case_desk BEGIN
        UPDATE application SET assignee_name = COALESCE((SELECT name FROM officer WHERE id = NEW.assigned_to), '')
            WHERE id = NEW.application_id;
    END""",
    """CREATE TRIGGER case_desk_assignee_update AFTER UPDATE OF assigned_to ON case_desk BEGIN
        UPDATE application SET assignee_name = COALESCE((SELECT name FROM officer WHERE id = NEW.assigned_to), '')
            WHERE id = NEW.application_id;
    END""",
    """CREATE TRIGGER officer_name_assignee AFTER UPDATE OF name ON officer BEGIN
        UPDATE application SET assignee_name = NEW.name
            WHERE id IN (SELECT application_id FROM case_desk WHERE assigned_to = NEW.id);
    END""",
    "CREATE INDEX application_bureau_expiry ON application(bureau, stay_expires, submitted_at, id)",
    "CREATE INDEX application_bureau_procedures ON application(bureau, procedures, submitted_at, id)",
    "CREATE INDEX application_bureau_assignee ON application(bureau, assignee_name, submitted_at, id)",
    # (bureau, state, submitted_at) and the rowid: the sort by state is application_bureau_state.
    # A supervisor's proposals awaiting approval: few at any time, read from here.
    # A case's requests for documents, all of them (the due date's paused clock), read per queue row.
    "CREATE INDEX document_request_application ON document_request(application_id, created_at)",
    "CREATE INDEX case_decision_proposed ON case_decision(application_id, proposed_by) WHERE status = 'proposed'",
    # Filters an officer saved under a name: the queue's query string, rebuilt from the whitelist when read.
    """CREATE TABLE saved_filter (
        id INTEGER PRIMARY KEY,
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        created_at REAL NOT NULL
    )""",
    "CREATE INDEX saved_filter_officer ON saved_filter(officer_id, name)",
]))

MIGRATIONS.append((12, [
    # The enrolment link's one-time code, handed over apart from the email: its hash with the link's secret (so
    # the database alone cannot try the codes), and the wrong tries (the link is spent after a few).
    "ALTER TABLE officer_token ADD COLUMN code_hash TEXT",
    "ALTER TABLE officer_token ADD COLUMN code_failures INTEGER NOT NULL DEFAULT 0",
    # The audit log page: a bureau's rows newest first, a page at a time both ways (keyset on id).
    "CREATE INDEX audit_log_office_id ON audit_log(office, id)",
]))

# A migration whose first statement is this runs with foreign keys off (SQLite's way to rebuild a table that
# other tables reference), and commits only if PRAGMA foreign_key_check then finds nothing.
FOREIGN_KEYS_OFF = "-- foreign keys off: this migration rebuilds a referenced table"

MIGRATIONS.append((13, [
    FOREIGN_KEYS_OFF,
    # The kind of user who registered with their own My Number card (rules.account_kinds). A Japanese national
    # has no residence card: the number becomes nullable (UNIQUE still holds for the numbers given). SQLite
    # cannot drop a NOT NULL: the table is rebuilt, its index and the references to it kept.
    """CREATE TABLE account_new (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        email TEXT NOT NULL,
        residence_card_number TEXT UNIQUE,
        nationality TEXT NOT NULL,
        phone TEXT NOT NULL,
        language TEXT NOT NULL,
        auth_certificate BLOB NOT NULL,
        auth_fingerprint TEXT NOT NULL UNIQUE,
        sign_certificate BLOB NOT NULL,
        sign_fingerprint TEXT NOT NULL UNIQUE,
        password_hash TEXT,
        password_set_at TEXT,
        created_at REAL NOT NULL,
        kind TEXT NOT NULL DEFAULT 'foreign_resident'
            CHECK (kind IN ('foreign_resident', 'japanese_national', 'agent')),
        CHECK (kind != 'foreign_resident' OR residence_card_number IS NOT NULL)
    )""",
    """INSERT INTO account_new (id, user_id, name, birth_date, email, residence_card_number, nationality, phone,
        language, auth_certificate, auth_fingerprint, sign_certificate, sign_fingerprint, password_hash,
        password_set_at, created_at)
        SELECT id, user_id, name, birth_date, email, residence_card_number, nationality, phone, language,
        auth_certificate, auth_fingerprint, sign_certificate, sign_fingerprint, password_hash, password_set_at,
        created_at FROM account""",
    "DROP TABLE account",
    "ALTER TABLE account_new RENAME TO account",
    "CREATE INDEX account_password_set ON account(password_set_at)",
    # A lawyer's or gyoseishoshi's details as registered; the bureau with jurisdiction over their office confirms
    # them (an examiner proposes, a supervisor decides: agent_decision) before their first submission.
    """CREATE TABLE agent_registration (
        account_id INTEGER PRIMARY KEY REFERENCES account(id),
        profession TEXT NOT NULL CHECK (profession IN ('lawyer', 'gyoseishoshi')),
        registration_number TEXT NOT NULL,
        association TEXT NOT NULL,
        agent_number TEXT NOT NULL,
        office_postal_code TEXT NOT NULL,
        office_address TEXT NOT NULL,
        bureau TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'awaiting' CHECK (state IN ('awaiting', 'confirmed', 'refused')),
        decided_by INTEGER REFERENCES officer(id),
        decided_at REAL,
        reason TEXT,
        created_at REAL NOT NULL,
        UNIQUE (profession, registration_number)
    )""",
    # The console's queue of agents awaiting confirmation, oldest first, per office.
    "CREATE INDEX agent_registration_bureau ON agent_registration(bureau, state, created_at, account_id)",
    # Proposals to confirm or refuse an agent, and their four-eyes approval or return (as case_decision).
    """CREATE TABLE agent_decision (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES agent_registration(account_id),
        outcome TEXT NOT NULL CHECK (outcome IN ('confirm', 'refuse')),
        reason TEXT NOT NULL DEFAULT '',
        proposed_by INTEGER NOT NULL REFERENCES officer(id),
        proposed_at REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'returned')),
        decided_by INTEGER REFERENCES officer(id),
        decided_at REAL,
        comment TEXT,
        CHECK (decided_by IS NULL OR decided_by != proposed_by)
    )""",
    "CREATE UNIQUE INDEX agent_decision_open ON agent_decision(account_id) WHERE status = 'proposed'",
    "CREATE INDEX agent_decision_account ON agent_decision(account_id, proposed_at)",
]))

MIGRATIONS.append((14, [
    # Who files and for whom, apart (rules.filers): the filer is the application's account, as the kind of filer it
    # files as; the applicant is the person the application is about, as the answers give them (name, date of
    # birth, nationality, residence card number), with their own account where they have one (mails and the status
    # page are theirs too). Written with every save of the draft; `applicant_key` (rules.pending_applications.person)
    # finds the same person's applications whoever filed them (one pending application per applicant).
    "ALTER TABLE application ADD COLUMN filer_kind TEXT NOT NULL DEFAULT 'self'",
    "ALTER TABLE application ADD COLUMN applicant_name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE application ADD COLUMN applicant_birth_date TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE application ADD COLUMN applicant_nationality TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE application ADD COLUMN applicant_residence_card_number TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE application ADD COLUMN applicant_account_id INTEGER REFERENCES account(id)",
    "ALTER TABLE application ADD COLUMN applicant_key TEXT NOT NULL DEFAULT ''",
    "UPDATE application SET filer_kind = 'legal_representative' WHERE json_valid(data) "
    "AND json_extract(data, '$.filed_by') = 'legal_representative'",
    "UPDATE application SET applicant_account_id = account_id WHERE filer_kind = 'self'",
    "CREATE INDEX application_applicant_account ON application(applicant_account_id, updated_at DESC, id DESC) "
    "WHERE applicant_account_id IS NOT NULL",
    "CREATE INDEX application_applicant_key ON application(applicant_key, state) WHERE applicant_key != ''",
    # An agent's clients: the applicants of the account's applications, grouped.
    "CREATE INDEX application_account_applicant ON application(account_id, applicant_key, updated_at DESC)",
]))

MIGRATIONS.append((15, [
    # Organisations that applied to use the system (利用申出): receiving organisations (a company, a school, a
    # supervising organisation), public-interest corporations and registered support organisations. Routed to the
    # bureau of the head office's address; valid for a year from the first staff password, renewed by the periodic
    # report (rules.organisations). `public_id` names it in URLs and mails, never the row id.
    """CREATE TABLE organisation (
        id INTEGER PRIMARY KEY,
        public_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('receiving', 'public_interest', 'support_organisation')),
        receiving_kind TEXT CHECK (receiving_kind IN ('company', 'school', 'supervising')),
        name TEXT NOT NULL,
        corporate_number TEXT NOT NULL,
        postal_code TEXT NOT NULL,
        address TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'ja',
        bureau TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'applied' CHECK (state IN ('applied', 'approved', 'refused', 'lapsed')),
        applied_at REAL NOT NULL,
        approved_at REAL,
        refused_at REAL,
        refusal_reason TEXT,
        valid_until TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        CHECK ((kind = 'receiving') = (receiving_kind IS NOT NULL))
    )""",
    # The bureau's queue of use applications, oldest first, keyset-paged; and the reminders' day range.
    "CREATE INDEX organisation_bureau_state ON organisation(bureau, state, applied_at, id)",
    "CREATE INDEX organisation_valid_until ON organisation(valid_until) WHERE valid_until IS NOT NULL",
    "CREATE INDEX organisation_corporate_number ON organisation(corporate_number)",
    # The people of an organisation who use the system; one active member per email address (they sign in by it).
    # A removed member keeps the row (who filed what) but no session, credential or link works any more.
    """CREATE TABLE organisation_staff (
        id INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'ja',
        agent_approval_number TEXT,
        is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
        password_hash TEXT,
        password_set_at REAL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until REAL,
        created_at REAL NOT NULL,
        removed_at REAL
    )""",
    "CREATE UNIQUE INDEX organisation_staff_email ON organisation_staff(email) WHERE removed_at IS NULL",
    "CREATE INDEX organisation_staff_organisation ON organisation_staff(organisation_id, removed_at)",
    # Staff members' WebAuthn credentials (passkeys, security keys); `transports` as the browser reported them.
    """CREATE TABLE staff_credential (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES organisation_staff(id),
        credential_id BLOB NOT NULL UNIQUE,
        public_key BLOB NOT NULL,
        sign_count INTEGER NOT NULL DEFAULT 0,
        transports TEXT NOT NULL DEFAULT '[]',
        created_at REAL NOT NULL
    )""",
    "CREATE INDEX staff_credential_staff ON staff_credential(staff_id)",
    # One-time enrolment links mailed to staff members; only the hash is kept.
    """CREATE TABLE staff_token (
        token_hash TEXT PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES organisation_staff(id),
        kind TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL,
        used_at REAL
    )""",
    "CREATE INDEX staff_token_staff ON staff_token(staff_id, kind) WHERE used_at IS NULL",
    # A WebAuthn ceremony under way (enrolment, sign-in, signing): its challenge (and, enrolling, the new password's
    # hash), taken once and refused after a few minutes, as console_ceremony does for officers.
    """CREATE TABLE staff_ceremony (
        handle_hash TEXT PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES organisation_staff(id),
        purpose TEXT NOT NULL,
        challenge TEXT NOT NULL,
        password_hash TEXT,
        payload TEXT,
        created_at REAL NOT NULL
    )""",
    "CREATE INDEX staff_ceremony_staff ON staff_ceremony(staff_id)",
    # Staff sessions, server-side as user_session is for applicants: removing a member ends them at once.
    """CREATE TABLE staff_session (
        id_hash TEXT PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES organisation_staff(id),
        created_at REAL NOT NULL,
        last_seen REAL NOT NULL,
        ended_at REAL
    )""",
    "CREATE INDEX staff_session_staff ON staff_session(staff_id) WHERE ended_at IS NULL",
    # The periodic report (定期報告): the organisation's current details and its declaration, reviewed in the
    # console; an approved report renews the approval for a year.
    """CREATE TABLE organisation_report (
        id INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        staff_id INTEGER NOT NULL REFERENCES organisation_staff(id),
        details TEXT NOT NULL,
        declared_at REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
        decided_at REAL
    )""",
    "CREATE UNIQUE INDEX organisation_report_open ON organisation_report(organisation_id) WHERE status = 'submitted'",
    # The documents the agency asks for with the use application, those the bureau requested later, and those of a
    # periodic report (report_id); contents in attachment_blob (store.blobs).
    """CREATE TABLE organisation_document (
        id INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        report_id INTEGER REFERENCES organisation_report(id),
        sha256 TEXT NOT NULL REFERENCES attachment_blob(sha256),
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        added_at REAL NOT NULL
    )""",
    "CREATE INDEX organisation_document_organisation ON organisation_document(organisation_id, added_at)",
    "CREATE INDEX organisation_document_blob ON organisation_document(sha256)",
    # The bureau's steps on an organisation: requests for documents, proposals and their four-eyes decision
    # (approve or refuse the use application, accept or return a periodic report).
    """CREATE TABLE organisation_decision (
        id INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        report_id INTEGER REFERENCES organisation_report(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('approve', 'refuse', 'renew', 'return')),
        reason TEXT NOT NULL DEFAULT '',
        proposed_by INTEGER NOT NULL REFERENCES officer(id),
        proposed_at REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'returned')),
        decided_by INTEGER REFERENCES officer(id),
        decided_at REAL,
        comment TEXT,
        CHECK (decided_by IS NULL OR decided_by != proposed_by)
    )""",
    "CREATE UNIQUE INDEX organisation_decision_open ON organisation_decision(organisation_id) "
    "WHERE status = 'proposed'",
    """CREATE TABLE organisation_request (
        id INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        officer_id INTEGER NOT NULL REFERENCES officer(id),
        message TEXT NOT NULL,
        deadline TEXT NOT NULL,
        created_at REAL NOT NULL,
        closed_at REAL
    )""",
    "CREATE INDEX organisation_request_open ON organisation_request(organisation_id) WHERE closed_at IS NULL",
    # An organisation's rows of the audit log (their detail names it by public id), for its console page.
    # (json_valid first: a row whose detail is not JSON, as a tampered one may be, is still read by audit verify.)
    "CREATE INDEX audit_log_organisation ON audit_log("
    "(CASE WHEN json_valid(detail) THEN json_extract(detail, '$.organisation') END), id)",
    # Validity reminders sent (30 and 7 days before valid_until), one per organisation, period and day.
    """CREATE TABLE organisation_reminder (
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        valid_until TEXT NOT NULL,
        days_before INTEGER NOT NULL,
        sent_at REAL NOT NULL,
        PRIMARY KEY (organisation_id, valid_until, days_before)
    ) WITHOUT ROWID""",
]))


def _application_account_optional(db):
    """application.account_id loses its NOT NULL: an organisation's staff file for people who hold no account.
    SQLite's documented way to drop a NOT NULL constraint in place (lang_altertable.html, "making other kinds of
    table schema changes"): the stored rows are unchanged, only the table's declaration, and the schema version
    goes up so every connection reads it again."""
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema=ON")
    try:
        db.execute("UPDATE sqlite_schema SET sql = replace(sql, 'account_id INTEGER NOT NULL REFERENCES account(id)', "
                   "'account_id INTEGER REFERENCES account(id)') WHERE type = 'table' AND name = 'application'")
        db.execute(f"PRAGMA schema_version={int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema=OFF")


MIGRATIONS.append((16, [
    # An organisation's people: the foreign nationals its staff file for (employees, students, trainees), in Japan
    # (residence card number, period of stay) or abroad for a Certificate of Eligibility (passport, contact abroad).
    # They hold no account; the organisation's home lists them and whose period of stay ends soon.
    """CREATE TABLE organisation_person (
        id INTEGER PRIMARY KEY,
        public_id TEXT NOT NULL UNIQUE,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        name TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        nationality TEXT NOT NULL,
        abroad INTEGER NOT NULL DEFAULT 0 CHECK (abroad IN (0, 1)),
        residence_card_number TEXT,
        stay_expires TEXT,
        passport_number TEXT,
        contact_abroad TEXT,
        created_by_staff INTEGER NOT NULL REFERENCES organisation_staff(id),
        created_at REAL NOT NULL,
        CHECK (abroad = 1 OR residence_card_number IS NOT NULL)
    )""",
    "CREATE INDEX organisation_person_name ON organisation_person(organisation_id, name, id)",
    "CREATE INDEX organisation_person_expiry ON organisation_person(organisation_id, stay_expires) "
    "WHERE stay_expires IS NOT NULL",
    # Who filed an application of an organisation's staff, for which organisation and which of its people; such an
    # application has no applicant account (account_id NULL): the applicants' own queries never see it.
    "ALTER TABLE application ADD COLUMN organisation_id INTEGER REFERENCES organisation(id)",
    "ALTER TABLE application ADD COLUMN filed_by_staff INTEGER REFERENCES organisation_staff(id)",
    "ALTER TABLE application ADD COLUMN person_id INTEGER REFERENCES organisation_person(id)",
    "CREATE INDEX application_organisation ON application(organisation_id, updated_at DESC, id DESC) "
    "WHERE organisation_id IS NOT NULL",
    "CREATE INDEX application_person ON application(person_id, updated_at DESC, id DESC) WHERE person_id IS NOT NULL",
    _application_account_optional,
    # A staff member's passkey signature (verification.passkey_signature): the assertion as the browser gave it,
    # the credential that made it and the document digest it covers; the console verifies it again from these.
    """CREATE TABLE staff_signature (
        application_id INTEGER PRIMARY KEY REFERENCES application(id),
        staff_id INTEGER NOT NULL REFERENCES organisation_staff(id),
        credential_id BLOB NOT NULL,
        assertion TEXT NOT NULL,
        digest TEXT NOT NULL,
        signed_at REAL NOT NULL
    )""",
]))

MIGRATIONS.append((17, [
    # Bulk filing (一括申請): a file a staff member uploaded, one batch per file that was read (a file refused as a
    # whole stores nothing). Its rows stay here, fixed in the browser or replaced by a re-upload, until the valid
    # ones are signed together: each becomes its own application (bulk_row.application_id).
    """CREATE TABLE bulk_batch (
        id INTEGER PRIMARY KEY,
        public_id TEXT NOT NULL UNIQUE,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        staff_id INTEGER NOT NULL REFERENCES organisation_staff(id),
        letter TEXT NOT NULL,
        procedures TEXT NOT NULL,
        file_name TEXT NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'signing', 'submitting', 'submitted')),
        to_submit INTEGER NOT NULL DEFAULT 0,
        submitted INTEGER NOT NULL DEFAULT 0,
        signed_by INTEGER REFERENCES organisation_staff(id),
        signed_at REAL
    )""",
    "CREATE INDEX bulk_batch_organisation ON bulk_batch(organisation_id, created_at DESC, id DESC)",
    # One person: the answers as typed (applications.answers' layout), by the row's number in the file.
    """CREATE TABLE bulk_row (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES bulk_batch(id),
        number INTEGER NOT NULL,
        data TEXT NOT NULL,
        application_id INTEGER REFERENCES application(id),
        UNIQUE (batch_id, number)
    )""",
    # The attachments added to a row (photo, documents); contents in attachment_blob (store.blobs).
    """CREATE TABLE bulk_row_attachment (
        id INTEGER PRIMARY KEY,
        row_id INTEGER NOT NULL REFERENCES bulk_row(id),
        sha256 TEXT NOT NULL REFERENCES attachment_blob(sha256),
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        added_at REAL NOT NULL
    )""",
    "CREATE INDEX bulk_row_attachment_row ON bulk_row_attachment(row_id, id)",
    "CREATE INDEX bulk_row_attachment_blob ON bulk_row_attachment(sha256)",
    # A batch's applications share one passkey assertion: each keeps the batch's signed list
    # (applications.canonical.batch_document), which names it with its digest; NULL for one signed alone.
    "ALTER TABLE staff_signature ADD COLUMN batch_document TEXT",
]))

MIGRATIONS.append((18, [
    # The people each submitted application is about (rules.people): its applicant, and the supporter, spouse or
    # parent and family it names, each as a key (the residence card number; the name, date of birth and
    # nationality). The case page's related cases read other applications by the key, never the table's rows.
    """CREATE TABLE application_person_key (
        key TEXT NOT NULL,
        application_id INTEGER NOT NULL REFERENCES application(id),
        role TEXT NOT NULL,
        relationship TEXT NOT NULL DEFAULT '',
        card TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (key, application_id, role, relationship)
    ) WITHOUT ROWID""",
    "CREATE INDEX application_person_key_application ON application_person_key(application_id)",
]))

# What an account's logged-in pages show, by the rows it comes from: a write to any of these rows moves the revision
# of each account that may see it. The pages kept rendered (page_cache) are keyed by the revision, so a kept page is
# never one the data has moved on from, whichever code (or hand) writes. (table, SQL of the account ids a row
# concerns, with ROW standing for NEW or OLD.)
_THE_APPLICATIONS = ("SELECT account_id FROM application WHERE id = ROW.application_id "
                     "UNION SELECT applicant_account_id FROM application WHERE id = ROW.application_id")
REVISION_SOURCES = (
    # The application: its filer and its applicant, and every account with an application for the same applicant
    # (the review page refuses a second pending application for one person, whoever filed the first).
    ("application", "SELECT ROW.account_id UNION SELECT ROW.applicant_account_id "
                    "UNION SELECT account_id FROM application WHERE ROW.applicant_key != '' "
                    "AND applicant_key = ROW.applicant_key "
                    "UNION SELECT applicant_account_id FROM application WHERE ROW.applicant_key != '' "
                    "AND applicant_key = ROW.applicant_key"),
    ("application_attachment", _THE_APPLICATIONS),
    ("application_event", _THE_APPLICATIONS),
    ("application_name_key", _THE_APPLICATIONS),
    ("application_person_key", _THE_APPLICATIONS),
    ("case_desk", _THE_APPLICATIONS),
    ("case_entry", _THE_APPLICATIONS),
    ("document_request", _THE_APPLICATIONS),
    ("case_decision", _THE_APPLICATIONS),
    ("card_delivery", _THE_APPLICATIONS),
    ("audit_log", _THE_APPLICATIONS),  # who at the bureau opened the application (the status page)
    ("staff_signature", _THE_APPLICATIONS),
    ("bulk_row", _THE_APPLICATIONS),
    # A stored file (content-addressed) as the attachments that use it show it.
    ("attachment_blob", "SELECT a.account_id FROM application a JOIN application_attachment t "
                        "ON t.application_id = a.id WHERE t.sha256 = ROW.sha256 "
                        "UNION SELECT a.applicant_account_id FROM application a JOIN application_attachment t "
                        "ON t.application_id = a.id WHERE t.sha256 = ROW.sha256"),
    ("account_token", "SELECT ROW.account_id"),
    ("agent_registration", "SELECT ROW.account_id"),
    ("agent_decision", "SELECT ROW.account_id"),
    ("residence_card_history", "SELECT ROW.account_id"),
    ("password_reminder", "SELECT ROW.account_id"),
)
# Tables holding an account's or an application's rows that no kept page shows, and why (a test holds every other
# such table to a trigger of each kind).
REVISION_EXEMPT = {
    "user_session": "its last_seen is written every 30 s; no page shows a session (the cookie's contents are part "
                    "of the key)",
    "bulk_row_attachment": "an organisation's bulk rows: no applicant's page shows them",
}


def revision_triggers(table, accounts, events=("insert", "update", "delete")):
    """The triggers (one for each of `events`) that move the revision of the accounts a row of `table` concerns,
    before and after."""
    made = []
    for event, rows in (("insert", ("NEW",)), ("update", ("OLD", "NEW")), ("delete", ("OLD",))):
        if event not in events:
            continue
        ids = " UNION ".join(accounts.replace("ROW.", f"{row}.") for row in rows)
        made.append(f"CREATE TRIGGER {table}_revision_{event} AFTER {event.upper()} ON {table} BEGIN "
                    f"UPDATE account SET revision = revision + 1 WHERE id IN ({ids}); END")
    return made


MIGRATIONS.append((19, [
    # The account's revision: one counter that every write of what its logged-in pages show moves (the triggers
    # below), read with the session's account on every request; kept rendered pages are keyed by it.
    "ALTER TABLE account ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
    # The account's own row: any change but the revision's own (which the other triggers make).
    """CREATE TRIGGER account_revision_update AFTER UPDATE ON account WHEN NEW.revision IS OLD.revision BEGIN
        UPDATE account SET revision = revision + 1 WHERE id = NEW.id;
    END""",
    *[trigger for table, accounts in REVISION_SOURCES for trigger in revision_triggers(table, accounts)],
]))


MIGRATIONS.append((20, [
    # A signed batch is received in chunks by whoever drives it next (the page's progress poll, the bulk worker):
    # the batch keeps what was signed (the assertion, the list, the credential, the form's key), each row the digest
    # the list names it with, and a row is claimed for a lease before it is received, so two drivers never take
    # the same draft; its outcome is set in the transaction that receives it (or keeps it a draft).
    "ALTER TABLE bulk_batch ADD COLUMN assertion TEXT",
    "ALTER TABLE bulk_batch ADD COLUMN credential_id BLOB",
    "ALTER TABLE bulk_batch ADD COLUMN batch_document TEXT",
    "ALTER TABLE bulk_batch ADD COLUMN submit_key TEXT",
    "ALTER TABLE bulk_row ADD COLUMN listed_digest TEXT",
    "ALTER TABLE bulk_row ADD COLUMN outcome TEXT CHECK (outcome IN ('received', 'kept'))",
    "ALTER TABLE bulk_row ADD COLUMN claimed_by TEXT",
    "ALTER TABLE bulk_row ADD COLUMN claimed_until REAL",
    "CREATE INDEX bulk_batch_submitting ON bulk_batch(id) WHERE state = 'submitting'",
    "CREATE INDEX bulk_row_pending ON bulk_row(batch_id, number) WHERE listed_digest IS NOT NULL AND outcome IS NULL",
]))


def _signed_lists_kept_once(db):
    """Each batch-signed application kept the whole signed list (some 90 bytes a line: 900 KB for each of 10,000
    applications, 9 GB for one batch): the lists move to signed_list, kept once by their SHA-256, and each
    signature names its list."""
    import hashlib
    for (document,) in db.execute("SELECT DISTINCT batch_document FROM staff_signature "
                                  "WHERE batch_document IS NOT NULL").fetchall():
        sha256 = hashlib.sha256(document.encode("ascii")).hexdigest()
        db.execute("INSERT OR IGNORE INTO signed_list (sha256, document) VALUES (?, ?)", [sha256, document])
        db.execute("UPDATE staff_signature SET signed_list = ?, batch_document = NULL WHERE batch_document = ?",
                   [sha256, document])


MIGRATIONS.append((22, [
    # The lists a batch's one assertion signed (applications.canonical.batch_document), each kept once, by the
    # lower-case hex SHA-256 of its bytes (which is what the assertion's challenge is); a batch-signed
    # application's signature names its list (staff_signature.batch_document stays, always NULL from now on).
    """CREATE TABLE signed_list (
        sha256 TEXT PRIMARY KEY,
        document TEXT NOT NULL
    ) WITHOUT ROWID""",
    "ALTER TABLE staff_signature ADD COLUMN signed_list TEXT REFERENCES signed_list(sha256)",
    _signed_lists_kept_once,
    # A bulk row names a person the organisation has already (organisations.people.matching_person): found by the
    # residence card number or by the date of birth, not by reading every person.
    "CREATE INDEX organisation_person_card ON organisation_person(organisation_id, residence_card_number)",
    "CREATE INDEX organisation_person_birth ON organisation_person(organisation_id, birth_date)",
]))


# Rows an application refers to whose columns the applicant's pages show (who filed it and for whom: the filer's
# name, the organisation and its staff member, the person as the organisation keeps them): a write moves the
# revision of the accounts of every application that refers to the row. (table, the application's column.)
REVISION_REFERENCED = (
    ("organisation", "organisation_id"),
    ("organisation_staff", "filed_by_staff"),
    ("organisation_person", "person_id"),
)
# Tables the rows of REVISION_SOURCES refer to that no kept page shows, and why (a test holds every other such
# table to REVISION_REFERENCED).
REVISION_REFERENCED_EXEMPT = {
    "officer": "no applicant's page names an officer (the access record shows the bureau the audit row keeps)",
    "bulk_batch": "an organisation's batch: no applicant's page shows it",
    "signed_list": "the list a batch signed: no applicant's page shows it",
}
# The accounts an account's row is shown to besides its own: those it files for, and those who file for it.
_LINKED_ACCOUNTS = ("SELECT applicant_account_id FROM application WHERE account_id = NEW.id "
                    "UNION SELECT account_id FROM application WHERE applicant_account_id = NEW.id")


def referenced_triggers(table, column):
    """The two triggers (a row is referred to only once it exists) that move the revision of the accounts of the
    applications referring to a row of `table`."""
    accounts = (f"SELECT account_id FROM application WHERE {column} = ROW.id "
                f"UNION SELECT applicant_account_id FROM application WHERE {column} = ROW.id")
    return revision_triggers(table, accounts, events=("update", "delete"))


MIGRATIONS.append((23, [
    # A filer who changes their name is shown so on the pages of the applicants they file for, and the applicant on
    # the filer's (each moved only the revision of its own account).
    "DROP TRIGGER account_revision_update",
    f"""CREATE TRIGGER account_revision_update AFTER UPDATE ON account WHEN NEW.revision IS OLD.revision BEGIN
        UPDATE account SET revision = revision + 1 WHERE id = NEW.id OR id IN ({_LINKED_ACCOUNTS});
    END""",
    *[trigger for table, column in REVISION_REFERENCED for trigger in referenced_triggers(table, column)],
    # The staff member's trigger finds the applications they filed without reading every application.
    "CREATE INDEX application_filed_by_staff ON application(filed_by_staff) WHERE filed_by_staff IS NOT NULL",
]))
