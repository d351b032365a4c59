#include "store/migrations.hpp"

#include <string>

namespace iro::store {

namespace {

constexpr std::string_view kModules = R"sql(
CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
-- What an administrator decided for a module. NULL means "as the manifest says".
CREATE TABLE module_settings (
    module_id      TEXT PRIMARY KEY,
    enabled        INTEGER CHECK (enabled IN (0, 1)),
    config         TEXT,
    errored_reason TEXT,
    errored_at     TEXT,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
-- Every administrative change and every automatic state change: who, when, what.
CREATE TABLE module_audit (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    module_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX module_audit_by_module ON module_audit (module_id, seq);
CREATE TRIGGER module_audit_no_update BEFORE UPDATE ON module_audit
BEGIN SELECT RAISE(ABORT, 'module_audit is append-only'); END;
CREATE TRIGGER module_audit_no_delete BEFORE DELETE ON module_audit
BEGIN SELECT RAISE(ABORT, 'module_audit is append-only'); END;
-- Private key-value storage of each module.
CREATE TABLE module_kv (
    module_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (module_id, key)
) WITHOUT ROWID;
-- Notes, prompts and alerts modules produce through the host.
CREATE TABLE module_outputs (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    module_id  TEXT NOT NULL,
    category   TEXT NOT NULL CHECK (category IN ('note', 'prompt', 'alert')),
    kind       TEXT NOT NULL,
    child_id   TEXT NOT NULL,
    due_on     TEXT,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX module_outputs_by_child ON module_outputs (child_id, id);
)sql";

constexpr std::string_view kCaseRecords = R"sql(
-- Case records, as read from SSDA903 and SSD extracts and from case events.
CREATE TABLE children (
    child_id      TEXT PRIMARY KEY,
    sex           TEXT NOT NULL DEFAULT '',
    date_of_birth TEXT,
    ethnicity     TEXT NOT NULL DEFAULT '',
    upn           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE episodes (
    child_id            TEXT NOT NULL REFERENCES children (child_id),
    start_date          TEXT NOT NULL,
    end_date            TEXT,
    reason_new_episode  TEXT NOT NULL DEFAULT '',
    legal_status        TEXT NOT NULL DEFAULT '',
    category_of_need    TEXT NOT NULL DEFAULT '',
    placement           TEXT NOT NULL DEFAULT '',
    placement_provider  TEXT NOT NULL DEFAULT '',
    reason_ceased       TEXT NOT NULL DEFAULT '',
    reason_place_change TEXT NOT NULL DEFAULT '',
    home_postcode       TEXT NOT NULL DEFAULT '',
    placement_postcode  TEXT NOT NULL DEFAULT '',
    urn                 TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (child_id, start_date)
) WITHOUT ROWID;
CREATE TABLE reviews (
    review_id     TEXT PRIMARY KEY,
    child_id      TEXT NOT NULL REFERENCES children (child_id),
    held_on       TEXT,
    due_on        TEXT,
    participation TEXT NOT NULL DEFAULT '',
    cancelled     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reviews_by_child ON reviews (child_id, held_on);
CREATE TABLE uasc (
    child_id       TEXT PRIMARY KEY REFERENCES children (child_id),
    ceased_uasc_on TEXT
);
CREATE TABLE missing_episodes (
    child_id     TEXT NOT NULL REFERENCES children (child_id),
    missing_type TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT,
    PRIMARY KEY (child_id, start_date)
) WITHOUT ROWID;
CREATE TABLE teams (
    team_id TEXT PRIMARY KEY,
    name    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE workers (
    worker_id TEXT PRIMARY KEY,
    name      TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    team_id   TEXT REFERENCES teams (team_id)
);
CREATE TABLE allocations (
    child_id   TEXT NOT NULL REFERENCES children (child_id),
    worker_id  TEXT NOT NULL REFERENCES workers (worker_id),
    role       TEXT NOT NULL CHECK (role IN ('iro', 'social_worker', 'team_manager')),
    team_id    TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    end_date   TEXT,
    PRIMARY KEY (child_id, worker_id, role, start_date)
);
-- Every import: what, from where, by whom, and how it ended.
CREATE TABLE imports (
    import_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'unchanged')),
    summary     TEXT NOT NULL
);
CREATE TABLE import_warnings (
    import_id INTEGER NOT NULL REFERENCES imports (import_id),
    file      TEXT NOT NULL,
    line      INTEGER NOT NULL,
    col       INTEGER NOT NULL,
    rule      TEXT NOT NULL,
    child_id  TEXT NOT NULL DEFAULT '',
    message   TEXT NOT NULL
);
CREATE INDEX import_warnings_by_child ON import_warnings (child_id);
-- Case events waiting for, or already given to, the modules. Written in the same transaction as
-- the change that implies them, so none is lost; event_id makes every source idempotent.
CREATE TABLE case_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    child_id      TEXT NOT NULL,
    occurred_on   TEXT NOT NULL,
    payload       TEXT NOT NULL,
    source        TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    dispatched_at TEXT
);
CREATE INDEX case_events_pending ON case_events (dispatched_at, seq);
)sql";

// Import speed: a council's extract writes tens of thousands of review and warning rows, and each
// b-tree a row goes into costs time and pages.
constexpr std::string_view kLeanerImports = R"sql(
-- Reviews keyed by review_id alone: one b-tree rather than a table beside its key's index.
CREATE TABLE reviews_v3 (
    review_id     TEXT PRIMARY KEY,
    child_id      TEXT NOT NULL REFERENCES children (child_id),
    held_on       TEXT,
    due_on        TEXT,
    participation TEXT NOT NULL DEFAULT '',
    cancelled     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO reviews_v3 SELECT review_id, child_id, held_on, due_on, participation, cancelled
    FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_v3 RENAME TO reviews;
CREATE INDEX reviews_by_child ON reviews (child_id, held_on);
-- Warnings in the order an import found them, with no index to keep up: warning_id is the
-- import's id times 2^32 plus the warning's number within it, so one import's warnings are one
-- range of the table's own key (see importers/import_record.cpp) and appending them is the fastest
-- insert. `file` is relative to the import's source directory (older rows hold absolute paths).
CREATE TABLE import_warnings_v3 (
    warning_id INTEGER PRIMARY KEY,
    import_id  INTEGER NOT NULL REFERENCES imports (import_id),
    file       TEXT NOT NULL,
    line       INTEGER NOT NULL,
    col        INTEGER NOT NULL,
    rule       TEXT NOT NULL,
    child_id   TEXT NOT NULL DEFAULT '',
    message    TEXT NOT NULL
);
INSERT INTO import_warnings_v3
    SELECT import_id * 4294967296 + row_number() OVER (PARTITION BY import_id ORDER BY rowid),
           import_id, file, line, col, rule, child_id, message
    FROM import_warnings ORDER BY rowid;
DROP TABLE import_warnings;
ALTER TABLE import_warnings_v3 RENAME TO import_warnings;
)sql";

// Notes on the child's file and the outbox to the council's CMS.
constexpr std::string_view kNotesAndOutbox = R"sql(
-- Every version of every note. Append-only: an amendment is a new row with the same root_id and
-- the next version, so what was first written stays readable (IRO independence, DOMAIN.md 8).
CREATE TABLE notes (
    note_id     INTEGER PRIMARY KEY,
    root_id     INTEGER NOT NULL REFERENCES notes (note_id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    module_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    child_id    TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    author_id   TEXT NOT NULL,
    author_role TEXT NOT NULL,
    reason      TEXT,
    body        TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (root_id, version),
    CHECK ((version = 1) = (root_id = note_id)),
    CHECK ((version = 1) = (reason IS NULL))
);
CREATE INDEX notes_by_child ON notes (child_id, occurred_on);
CREATE INDEX notes_by_day ON notes (occurred_on);
CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only: record an amendment instead'); END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only: they are never deleted'); END;
-- Notes modules emitted through the 1.0 interface move to the notes table, authored by the module.
INSERT INTO notes (note_id, root_id, version, module_id, kind, child_id, occurred_on, author_id,
                   author_role, reason, body, recorded_at)
    SELECT id, id, 1, module_id, kind, child_id, substr(created_at, 1, 10), 'module:' || module_id,
           'module', NULL, body, created_at
    FROM module_outputs WHERE category = 'note';
DELETE FROM module_outputs WHERE category = 'note';
-- Items for the CMS, written in the same transaction as what they carry (a transactional outbox).
-- state: pending (to send from next_attempt_ms, Unix milliseconds), delivered, or dead (refused
-- by the CMS; kept with its response until an operator retries it).
CREATE TABLE outbox (
    item_id          INTEGER PRIMARY KEY AUTOINCREMENT,
    route            TEXT NOT NULL,
    child_id         TEXT NOT NULL,
    module_id        TEXT NOT NULL,
    source_id        TEXT NOT NULL,
    method           TEXT NOT NULL,
    path             TEXT NOT NULL,
    body             TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms  INTEGER NOT NULL,
    last_attempt_at  TEXT,
    last_error       TEXT,
    response_status  INTEGER,
    response_body    TEXT,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT
);
-- The head of each child's queue is the pending item with the lowest id.
CREATE INDEX outbox_pending ON outbox (child_id, item_id) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, item_id);
)sql";

// Prompts with their history, questionnaire responses, and the host's daily ticks.
constexpr std::string_view kPromptsAndResponses = R"sql(
-- A module's prompts: one row per obligation (module_id, prompt_key), opened, kept up to date and
-- closed by the module, acknowledged, completed or dismissed by people. Closed rows stay.
CREATE TABLE prompts (
    prompt_id      INTEGER PRIMARY KEY,
    module_id      TEXT NOT NULL,
    prompt_key     TEXT NOT NULL,
    child_id       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    audience       TEXT NOT NULL,
    visible_to     TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    overdue        INTEGER NOT NULL CHECK (overdue IN (0, 1)),
    opened_on      TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'done', 'dismissed')),
    body           TEXT NOT NULL,
    closed_on      TEXT,
    closed_by_type TEXT,
    closed_by_id   TEXT,
    closed_reason  TEXT,
    closed_by      TEXT,
    updated_at     TEXT NOT NULL,
    UNIQUE (module_id, prompt_key),
    CHECK ((state IN ('done', 'dismissed')) = (closed_on IS NOT NULL)),
    CHECK (state <> 'dismissed' OR length(closed_reason) > 0)
);
CREATE INDEX prompts_open ON prompts (module_id, child_id, prompt_key)
    WHERE state IN ('open', 'acknowledged');
CREATE INDEX prompts_by_child ON prompts (child_id, prompt_id);
-- Every change to every prompt: who, when, as of which day. Append-only.
CREATE TABLE prompt_history (
    seq       INTEGER PRIMARY KEY,
    prompt_id INTEGER NOT NULL REFERENCES prompts (prompt_id),
    at        TEXT NOT NULL,
    as_of     TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('opened', 'updated', 'overdue', 'acknowledged',
                                               'done', 'dismissed')),
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX prompt_history_by_prompt ON prompt_history (prompt_id, seq);
CREATE TRIGGER prompt_history_no_update BEFORE UPDATE ON prompt_history
BEGIN SELECT RAISE(ABORT, 'prompt_history is append-only'); END;
CREATE TRIGGER prompt_history_no_delete BEFORE DELETE ON prompt_history
BEGIN SELECT RAISE(ABORT, 'prompt_history is append-only'); END;
-- Completed questionnaires (the QAF after a review), never changed.
CREATE TABLE questionnaire_responses (
    response_id   INTEGER PRIMARY KEY,
    module_id     TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    child_id      TEXT NOT NULL REFERENCES children (child_id),
    review_id     TEXT NOT NULL DEFAULT '',
    completed_on  TEXT NOT NULL,
    author_id     TEXT NOT NULL,
    author_role   TEXT NOT NULL,
    answers       TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX responses_by_child ON questionnaire_responses (child_id, response_id);
CREATE TRIGGER responses_no_update BEFORE UPDATE ON questionnaire_responses
BEGIN SELECT RAISE(ABORT, 'questionnaire responses are never changed'); END;
CREATE TRIGGER responses_no_delete BEFORE DELETE ON questionnaire_responses
BEGIN SELECT RAISE(ABORT, 'questionnaire responses are never deleted'); END;
-- A tick reads every child's reviews in child order: the index covers what it reads.
DROP INDEX reviews_by_child;
CREATE INDEX reviews_by_child ON reviews (child_id, held_on, due_on, participation, cancelled);
-- Each daily evaluation: for which day, who ran it, and what it changed.
CREATE TABLE ticks (
    tick_id    INTEGER PRIMARY KEY,
    as_of      TEXT NOT NULL,
    actor      TEXT NOT NULL,
    started_at TEXT NOT NULL,
    summary    TEXT
);
)sql";

// What a module says a prompt says, in short, so a tick compares digests rather than bodies; the
// open prompts as a tick lists them, from the index alone; and the open prompts by kind, which
// every tick's summary counts (without it, a sort of every open prompt each day).
constexpr std::string_view kPromptRevisions = R"sql(
ALTER TABLE prompts ADD COLUMN revision TEXT NOT NULL DEFAULT '';
DROP INDEX prompts_open;
CREATE INDEX prompts_open ON prompts (module_id, child_id, prompt_key, kind, due_on, overdue,
                                      opened_on, state, revision)
    WHERE state IN ('open', 'acknowledged');
CREATE INDEX prompts_open_by_kind ON prompts (kind, overdue)
    WHERE state IN ('open', 'acknowledged');
)sql";

// Quality alerts with their categories and append-only history, and notifications to people.
constexpr std::string_view kAlertsAndNotifications = R"sql(
-- A module's alerts as it last left them; alert_history holds every change. events counts the
-- history rows, so a change decided on a stale reading is refused rather than lost.
CREATE TABLE alerts (
    alert_id   INTEGER PRIMARY KEY,
    module_id  TEXT NOT NULL,
    child_id   TEXT NOT NULL REFERENCES children (child_id),
    kind       TEXT NOT NULL,
    stage      TEXT NOT NULL,
    stage_name TEXT NOT NULL,
    level      INTEGER NOT NULL CHECK (level >= 0),
    status     TEXT NOT NULL,
    closed     INTEGER NOT NULL CHECK (closed IN (0, 1)),
    raised_by  TEXT NOT NULL,
    raised_on  TEXT NOT NULL,
    responder  TEXT NOT NULL,
    copies     TEXT NOT NULL,
    due_on     TEXT,
    outcome    TEXT NOT NULL,
    closed_on  TEXT,
    team_id    TEXT NOT NULL,
    body       TEXT NOT NULL,
    events     INTEGER NOT NULL CHECK (events >= 1),
    updated_at TEXT NOT NULL,
    CHECK (closed = (closed_on IS NOT NULL))
);
CREATE INDEX alerts_by_child ON alerts (child_id, alert_id);
CREATE INDEX alerts_open ON alerts (module_id, alert_id) WHERE closed = 0;
CREATE INDEX alerts_by_raised_on ON alerts (raised_on, alert_id);
CREATE TABLE alert_categories (
    alert_id       INTEGER NOT NULL REFERENCES alerts (alert_id),
    position       INTEGER NOT NULL,
    code           TEXT NOT NULL,
    label          TEXT NOT NULL,
    category_group TEXT NOT NULL,
    PRIMARY KEY (alert_id, position)
) WITHOUT ROWID;
CREATE TABLE alert_history (
    alert_id    INTEGER NOT NULL REFERENCES alerts (alert_id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    on_day      TEXT NOT NULL,
    comment     TEXT NOT NULL,
    stage       TEXT NOT NULL,
    status      TEXT NOT NULL,
    due_on      TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (alert_id, seq)
) WITHOUT ROWID;
CREATE INDEX alert_history_by_day ON alert_history (on_day, action);
CREATE TRIGGER alert_history_no_update BEFORE UPDATE ON alert_history
BEGIN SELECT RAISE(ABORT, 'alert_history is append-only'); END;
CREATE TRIGGER alert_history_no_delete BEFORE DELETE ON alert_history
BEGIN SELECT RAISE(ABORT, 'alert_history is append-only'); END;
-- One row per recipient. pending: not yet sent; sent; no_address: the deployment has no address
-- for the recipient; failed: the mail server refused it (retried by the next send).
CREATE TABLE notifications (
    notification_id INTEGER PRIMARY KEY,
    module_id       TEXT NOT NULL,
    child_id        TEXT NOT NULL,
    reason          TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text            TEXT NOT NULL,
    source_type     TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'no_address', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    addresses       TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX notifications_by_state ON notifications (state, notification_id);
CREATE INDEX notifications_by_source ON notifications (source_type, source_id);
)sql";

// Questionnaire definitions, and responses that follow one version of a definition: what reports
// group by is kept with each response as it stood on the review's day, the answers also as packed
// codes the report engine counts from one covering index, and history imported from another
// system may have no child. SQLite cannot loosen a NOT NULL in place, so the table is rebuilt.
constexpr std::string_view kQuestionnaires = R"sql(
CREATE TABLE questionnaire_definitions (
    questionnaire TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    module_id     TEXT NOT NULL,
    definition    TEXT NOT NULL,
    defined_at    TEXT NOT NULL,
    PRIMARY KEY (questionnaire, version)
);
CREATE TABLE questionnaire_responses_v8 (
    response_id           INTEGER PRIMARY KEY,
    module_id             TEXT NOT NULL,
    questionnaire         TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL DEFAULT 0,
    child_id              TEXT REFERENCES children (child_id),
    review_id             TEXT NOT NULL DEFAULT '',
    completed_on          TEXT NOT NULL,
    author_id             TEXT NOT NULL,
    author_role           TEXT NOT NULL,
    answers               TEXT NOT NULL,
    recorded_at           TEXT NOT NULL,
    other_texts           TEXT NOT NULL DEFAULT '{}',
    submitted_at          TEXT NOT NULL DEFAULT '',
    iro_id                TEXT NOT NULL DEFAULT '',
    team_id               TEXT NOT NULL DEFAULT '',
    legal_status          TEXT NOT NULL DEFAULT '',
    age_band              TEXT NOT NULL DEFAULT '',
    source                TEXT NOT NULL DEFAULT 'product',
    external_id           TEXT NOT NULL DEFAULT '',
    amends                INTEGER REFERENCES questionnaire_responses_v8 (response_id),
    reason                TEXT NOT NULL DEFAULT '',
    codes                 BLOB,
    CHECK (child_id IS NOT NULL OR review_id = ''),
    CHECK (amends IS NULL OR reason <> '')
);
INSERT INTO questionnaire_responses_v8 (response_id, module_id, questionnaire, child_id,
    review_id, completed_on, author_id, author_role, answers, recorded_at, submitted_at)
SELECT response_id, module_id, questionnaire, child_id, review_id, completed_on, author_id,
    author_role, answers, recorded_at, recorded_at FROM questionnaire_responses;
DROP TABLE questionnaire_responses;
ALTER TABLE questionnaire_responses_v8 RENAME TO questionnaire_responses;
CREATE INDEX responses_by_child ON questionnaire_responses (child_id, response_id);
CREATE INDEX responses_by_review ON questionnaire_responses (review_id) WHERE review_id <> '';
CREATE UNIQUE INDEX responses_by_external_id
    ON questionnaire_responses (questionnaire, source, external_id) WHERE external_id <> '';
-- A response is amended at most once: amendments form a chain, its last link the one counted.
CREATE UNIQUE INDEX responses_by_amended ON questionnaire_responses (amends)
    WHERE amends IS NOT NULL;
CREATE INDEX responses_for_reports ON questionnaire_responses (questionnaire, completed_on,
    questionnaire_version, iro_id, team_id, legal_status, age_band, codes) WHERE codes IS NOT NULL;
CREATE TRIGGER responses_no_update BEFORE UPDATE ON questionnaire_responses
BEGIN SELECT RAISE(ABORT, 'questionnaire responses are never changed'); END;
CREATE TRIGGER responses_no_delete BEFORE DELETE ON questionnaire_responses
BEGIN SELECT RAISE(ABORT, 'questionnaire responses are never deleted'); END;
CREATE TRIGGER definitions_no_delete BEFORE DELETE ON questionnaire_definitions
WHEN EXISTS (SELECT 1 FROM questionnaire_responses r
             WHERE r.questionnaire = OLD.questionnaire AND r.questionnaire_version = OLD.version)
BEGIN SELECT RAISE(ABORT, 'a questionnaire version with responses is never removed'); END;
CREATE TRIGGER definitions_fixed_once_answered BEFORE UPDATE ON questionnaire_definitions
WHEN EXISTS (SELECT 1 FROM questionnaire_responses r
             WHERE r.questionnaire = OLD.questionnaire AND r.questionnaire_version = OLD.version)
BEGIN SELECT RAISE(ABORT, 'a questionnaire version with responses is never changed'); END;
)sql";

// People who use the service, their API tokens (only hashes), the CMS integrations that sign
// requests, the nonces those requests used, and the audit log of every access to a child's data.
constexpr const char* kAccessAndAudit = R"sql(
CREATE TABLE users (
    user_id      TEXT PRIMARY KEY,
    display_name TEXT NOT NULL DEFAULT '',
    roles        TEXT NOT NULL,
    worker_id    TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    disabled_at  TEXT
);
CREATE TABLE api_tokens (
    token_id      TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (user_id),
    secret_sha256 TEXT NOT NULL,
    label         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, token_id);
CREATE TABLE integration_clients (
    client_id      TEXT PRIMARY KEY,
    key_generation INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    revoked_at     TEXT
);
CREATE TABLE request_nonces (
    client_id TEXT NOT NULL,
    nonce     TEXT NOT NULL,
    seen_at   INTEGER NOT NULL,
    PRIMARY KEY (client_id, nonce)
) WITHOUT ROWID;
CREATE INDEX request_nonces_by_age ON request_nonces (seen_at);
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    role       TEXT NOT NULL,
    action     TEXT NOT NULL,
    child_id   TEXT NOT NULL DEFAULT '',
    request_id TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_by_child ON audit_log (child_id, seq) WHERE child_id <> '';
CREATE INDEX audit_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_by_time ON audit_log (at, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries are never changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries are never removed'); END;
)sql";

constexpr std::string_view kGoLiveBacklog = R"sql(
CREATE TABLE go_live_backlog (
    module_id      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    iro_id         TEXT NOT NULL,
    prompts        INTEGER NOT NULL CHECK (prompts > 0),
    oldest_due     TEXT NOT NULL,
    go_live        TEXT NOT NULL,
    recorded_as_of TEXT NOT NULL,
    reported_in    INTEGER,  -- the tick that reported it; NULL until one has
    PRIMARY KEY (module_id, kind, iro_id)
) WITHOUT ROWID;
)sql";

// The four prompt states in two lists of two: SQLite checks a list of more than two constants
// by building a temporary b-tree on every insert, which was a fifth of the cost of opening a
// prompt (a first tick opens tens of thousands). The same rule, so every stored row still holds.
constexpr std::string_view kPromptStateCheck = R"sql(
UPDATE sqlite_schema
   SET sql = replace(sql, 'state IN (''open'', ''acknowledged'', ''done'', ''dismissed'')',
                     'state IN (''open'', ''acknowledged'') OR state IN (''done'', ''dismissed'')')
 WHERE type = 'table' AND name = 'prompts';
)sql";

// Failed authentications as counts per minute, source and reason, not an audit entry each: a
// flood of bad credentials used to leave a permanent row and a commit per request.
constexpr std::string_view kAuthFailures = R"sql(
CREATE TABLE auth_failures (
    minute   TEXT NOT NULL,  -- UTC, YYYY-MM-DDTHH:MMZ
    source   TEXT NOT NULL,  -- the peer's address (a TLS front's, behind one)
    reason   TEXT NOT NULL,
    failures INTEGER NOT NULL CHECK (failures > 0),
    PRIMARY KEY (minute, source, reason)
) WITHOUT ROWID;
)sql";

constexpr std::string_view kPanelSessions = R"sql(
-- The panel's browser sessions, held here so that signing out ends one and a restart keeps them.
-- The cookie carries a random secret; only its SHA-256 is kept.
CREATE TABLE panel_sessions (
    secret_sha256 TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (user_id),
    token_id      TEXT NOT NULL,  -- the API token signed in with: revoking it ends the session
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    ended_at      TEXT,
    ended_by      TEXT            -- 'signed out', 'user disabled'
) WITHOUT ROWID;
CREATE INDEX panel_sessions_open_by_user ON panel_sessions (user_id) WHERE ended_at IS NULL;
)sql";

constexpr std::string_view kSingleSignOn = R"sql(
-- Sign-ins sent to the council's OpenID provider and not yet back (oidc/pending_sign_ins.hpp).
CREATE TABLE pending_sign_ins (
    state_sha256   TEXT PRIMARY KEY,
    browser_sha256 TEXT NOT NULL,  -- the cookie that binds the sign-in to the browser that began it
    nonce          TEXT NOT NULL,
    code_verifier  TEXT NOT NULL,
    child_id       TEXT NOT NULL,  -- the panel to show afterwards, '' for none
    expected_user  TEXT NOT NULL,  -- from a CMS launch: who must sign in; '' for anyone
    created_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    used_at        TEXT
) WITHOUT ROWID;
-- A panel session is now begun by an API token, by the provider, or by a CMS launch; only the
-- first has a token whose revocation ends it.
CREATE TABLE panel_sessions_new (
    secret_sha256  TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (user_id),
    token_id       TEXT,           -- the API token signed in with: revoking it ends the session
    signed_in_with TEXT NOT NULL DEFAULT 'token',  -- 'token', 'oidc', 'launch'
    id_token       TEXT,           -- the provider's ID token: the hint its end-session asks for
    created_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    ended_at       TEXT,
    ended_by       TEXT            -- 'signed out', 'user disabled'
) WITHOUT ROWID;
INSERT INTO panel_sessions_new (secret_sha256, user_id, token_id, created_at, expires_at,
                                ended_at, ended_by)
    SELECT secret_sha256, user_id, token_id, created_at, expires_at, ended_at, ended_by
    FROM panel_sessions;
DROP TABLE panel_sessions;
ALTER TABLE panel_sessions_new RENAME TO panel_sessions;
CREATE INDEX panel_sessions_open_by_user ON panel_sessions (user_id) WHERE ended_at IS NULL;
)sql";

constexpr std::string_view kIdempotentRequests = R"sql(
-- API writes sent with an Idempotency-Key: the first answer, replayed to a retry with the same
-- key, so a client that lost a 201 does not create a second note or alert. Kept 24 hours.
CREATE TABLE idempotent_requests (
    principal     TEXT NOT NULL,  -- the user (or integration) the key belongs to
    key           TEXT NOT NULL,
    request_sha256 TEXT NOT NULL, -- method, target and body: a key reused for another request
    status        INTEGER NOT NULL,
    content_type  TEXT NOT NULL,
    location      TEXT NOT NULL,
    body          BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (principal, key)
) WITHOUT ROWID;
CREATE INDEX idempotent_requests_by_age ON idempotent_requests (created_at);
)sql";

constexpr std::string_view kWorkerContacts = R"sql(
-- How to reach a professional, shown in the child's panel beside their name: from the columns
-- prof_professional_email and prof_professional_phone a council adds to its SSD professionals
-- extract (the SSD itself has none). Empty when not given.
ALTER TABLE workers ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE workers ADD COLUMN phone TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::string_view kWorkerFte = R"sql(
-- A professional's full-time equivalence (prof_full_time_equivalency, 0 to 1), for the IRO
-- service's FTE in the annual report when the configuration does not state it. NULL: not given.
ALTER TABLE workers ADD COLUMN fte REAL CHECK (fte IS NULL OR (fte > 0 AND fte <= 1));
)sql";

constexpr std::string_view kReviewDistributionAndDateChanges = R"sql(
-- When a review's decisions and its full record were first sent (review_record_distributed
-- events). Keyed by the child and the day the review was held, not by the review's id, so a review
-- an extract later carries under another id keeps its dates. The first day sent stands: a copy
-- sent again later does not move it.
CREATE TABLE review_distributions (
    child_id TEXT NOT NULL,
    held_on  TEXT NOT NULL,
    document TEXT NOT NULL CHECK (document IN ('decisions', 'record')),
    sent_on  TEXT NOT NULL CHECK (sent_on >= held_on),
    event_id TEXT NOT NULL,
    PRIMARY KEY (child_id, held_on, document)
) WITHOUT ROWID;
-- Planned reviews that did not go ahead on their date (review_date_changed events): stood down,
-- rearranged or cancelled. Kept as events, one row each; nothing updates or removes them.
CREATE TABLE review_date_changes (
    event_id   TEXT PRIMARY KEY,
    child_id   TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    change     TEXT NOT NULL CHECK (change IN ('stood_down', 'rearranged', 'cancelled')),
    planned_on TEXT NOT NULL,
    new_date   TEXT,
    reason     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX review_date_changes_by_day ON review_date_changes (changed_on);
CREATE TRIGGER review_distributions_kept BEFORE DELETE ON review_distributions
BEGIN SELECT RAISE(ABORT, 'a review distribution is never removed'); END;
CREATE TRIGGER review_date_changes_kept BEFORE DELETE ON review_date_changes
BEGIN SELECT RAISE(ABORT, 'a review date change is never removed'); END;
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> kAll{
        {1, "module administration, module storage and outputs", kModules},
        {2, "case records, imports and the case event queue", kCaseRecords},
        {3, "reviews and import warnings in one b-tree each", kLeanerImports},
        {4, "append-only notes and the outbox to the CMS", kNotesAndOutbox},
        {5, "prompts, questionnaire responses and daily ticks", kPromptsAndResponses},
        {6, "prompt revisions; open prompts from their indexes", kPromptRevisions},
        {7, "quality alerts with their history, and notifications", kAlertsAndNotifications},
        {8, "questionnaire definitions; responses with their version and report facts",
         kQuestionnaires},
        {9, "users, API tokens, signing integrations and the audit log", kAccessAndAudit},
        {10, "the go-live backlog: prompts due before go-live, counted, not opened",
         kGoLiveBacklog},
        {11, "prompt states checked without a temporary b-tree per insert", kPromptStateCheck,
         /*edits_schema_text=*/true},
        {12, "failed authentications counted per minute and source", kAuthFailures},
        {13, "panel sessions held in the store", kPanelSessions},
        {14, "idempotency keys on API writes", kIdempotentRequests},
        {15, "single sign-on: pending sign-ins, sessions begun without a token", kSingleSignOn},
        {16, "professionals' work email and telephone", kWorkerContacts},
        {17, "professionals' full-time equivalence", kWorkerFte},
        {18, "reviews' decisions and record sent; review date changes",
         kReviewDistributionAndDateChanges},
    };
    return kAll;
}

int schema_version(Database& db) {
    auto stmt = db.prepare("PRAGMA user_version");
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

namespace {

// SQLite's procedure, inside the caller's transaction: write sqlite_schema, then move the schema
// version on by one so that every connection (this one included) parses the new definition.
void edit_schema_text(Database& db, std::string_view sql) {
    db.exec("PRAGMA writable_schema = ON");
    try {
        db.exec(sql);
        auto version = db.prepare("PRAGMA schema_version");
        version.step();
        const std::int64_t next = version.integer(0) + 1;
        version.reset();
        db.exec("PRAGMA schema_version = " + std::to_string(next));
    } catch (...) {
        db.exec("PRAGMA writable_schema = OFF");
        throw;
    }
    db.exec("PRAGMA writable_schema = OFF");
}

}  // namespace

int migrate(Database& db, std::string_view applied_at) {
    const int current = schema_version(db);
    const int latest = migrations().back().version;
    if (current > latest) {
        throw SqliteError("database " + db.path().string() + " has schema version " +
                          std::to_string(current) + ", newer than this iro-host knows (" +
                          std::to_string(latest) + "); use the iro-host that wrote it");
    }
    if (current == latest) {
        return 0;
    }
    // All pending migrations in one transaction: a store is never left between two versions.
    int applied = 0;
    Transaction tx(db);
    for (const Migration& m : migrations()) {
        if (m.version <= current) {
            continue;
        }
        if (m.edits_schema_text) {
            edit_schema_text(db, m.sql);
        } else {
            db.exec(m.sql);
        }
        db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
            .bind(1, std::int64_t{m.version})
            .bind(2, m.name)
            .bind(3, applied_at)
            .run();
        ++applied;
    }
    db.exec("PRAGMA user_version = " + std::to_string(latest));
    tx.commit();
    return applied;
}

}  // namespace iro::store
