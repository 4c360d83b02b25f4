-- UnconvBench: tasks, samples (public labels), hidden samples and their labels (separate tables), teams with hashed
-- API tokens, model cards, the append-only submission log and fold scores. Composites are computed when read.

CREATE TABLE bench_task (
    key            text PRIMARY KEY,
    track          text        NOT NULL CHECK (track IN ('official', 'local')),
    definition     jsonb       NOT NULL,          -- the catalogue entry (tasks.yaml)
    available      boolean     NOT NULL,          -- data present and loaded
    open           boolean     NOT NULL DEFAULT true,
    file_rows      integer,
    n_public       integer,
    n_hidden       integer,
    data_sha256    char(64),                      -- SHA-256 of the label file
    split_sha256   char(64),                      -- SHA-256 of the public split (ids and folds)
    loaded_at      timestamptz
);

-- public samples: ids, structure file, public fold and label (training labels are public in 5-fold CV)
CREATE TABLE bench_sample (
    task_key       text     NOT NULL REFERENCES bench_task (key) ON DELETE CASCADE,
    sample_id      text     NOT NULL,
    row_index      integer  NOT NULL,
    structure_file text,
    fold           smallint NOT NULL CHECK (fold >= 0),
    label          double precision NOT NULL,
    PRIMARY KEY (task_key, sample_id)
);
CREATE INDEX bench_sample_fold ON bench_sample (task_key, fold);

-- hidden-track samples: ids and structure files are public, labels are not
CREATE TABLE bench_hidden_sample (
    task_key       text    NOT NULL REFERENCES bench_task (key) ON DELETE CASCADE,
    sample_id      text    NOT NULL,
    row_index      integer NOT NULL,
    structure_file text,
    PRIMARY KEY (task_key, sample_id)
);

-- hidden labels: read only by the scorer (HiddenLabelStore)
CREATE TABLE bench_hidden_label (
    task_key   text NOT NULL,
    sample_id  text NOT NULL,
    label      double precision NOT NULL,
    PRIMARY KEY (task_key, sample_id),
    FOREIGN KEY (task_key, sample_id) REFERENCES bench_hidden_sample (task_key, sample_id) ON DELETE CASCADE
);

CREATE TABLE bench_team (
    id            bigserial PRIMARY KEY,
    name          text        NOT NULL UNIQUE,
    token_sha256  char(64)    NOT NULL UNIQUE,    -- SHA-256 of the bearer token; the token itself is never stored
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bench_model_card (
    id             bigserial PRIMARY KEY,
    team_id        bigint      NOT NULL REFERENCES bench_team (id),
    model_name     text        NOT NULL,
    model_version  text        NOT NULL,
    card           jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- append-only log of every attempt, accepted or not
CREATE TABLE bench_submission (
    id              bigserial PRIMARY KEY,
    team_id         bigint      NOT NULL REFERENCES bench_team (id),
    submitted_by    text,
    task_key        text        NOT NULL,          -- no foreign key: attempts on unknown tasks are logged too
    track           text,
    model_card_id   bigint      REFERENCES bench_model_card (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    idempotency_key text,
    content_type    text,
    payload         bytea,
    payload_sha256  char(64),
    payload_bytes   bigint      NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'rate_limited')),
    http_status     integer     NOT NULL,
    errors          jsonb,
    withdrawn       boolean     NOT NULL DEFAULT false,
    UNIQUE (team_id, idempotency_key)
);
CREATE INDEX bench_submission_quota ON bench_submission (team_id, task_key, outcome, created_at);
CREATE INDEX bench_submission_board ON bench_submission (task_key, track, outcome, model_card_id, created_at);

CREATE FUNCTION bench_submission_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'bench_submission is append-only';
    END IF;
    IF (to_jsonb(NEW) - 'withdrawn') IS DISTINCT FROM (to_jsonb(OLD) - 'withdrawn') THEN
        RAISE EXCEPTION 'bench_submission is append-only (only withdrawn may change)';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER bench_submission_append_only BEFORE UPDATE OR DELETE ON bench_submission
    FOR EACH ROW EXECUTE FUNCTION bench_submission_append_only();

CREATE TABLE bench_fold_score (
    submission_id   bigint   NOT NULL REFERENCES bench_submission (id),
    fold            smallint NOT NULL,           -- 0..4, or -1 for the hidden track
    n               integer  NOT NULL,
    mae             double precision NOT NULL,
    rmse            double precision NOT NULL,
    max_error       double precision NOT NULL,
    train_mean      double precision NOT NULL,
    mad             double precision NOT NULL,
    baseline_mae    double precision NOT NULL,
    scaled          double precision NOT NULL,
    coverage95      double precision,
    miscalibration  double precision,
    mean_nll        double precision,
    PRIMARY KEY (submission_id, fold)
);
