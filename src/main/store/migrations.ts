/**
 * Numbered, append-only schema migrations. Never edit a released entry: add a new one.
 * `PRAGMA user_version` records how many have been applied.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the foundation's tables.
  `
  CREATE TABLE project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    format TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    height INTEGER NOT NULL CHECK (height > 0),
    width INTEGER NOT NULL CHECK (width > 0),
    channels INTEGER NOT NULL CHECK (channels IN (1, 3)),
    sample_count INTEGER NOT NULL,
    cache_file TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE classes (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    class_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (dataset_id, class_index)
  );
  CREATE TABLE samples (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    cache_index INTEGER NOT NULL,
    class_index INTEGER NOT NULL,
    split TEXT NOT NULL CHECK (split IN ('train', 'test')),
    source_path TEXT NOT NULL,
    byte_size INTEGER NOT NULL,
    format TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    UNIQUE (dataset_id, cache_index),
    FOREIGN KEY (dataset_id, class_index) REFERENCES classes(dataset_id, class_index)
  );
  CREATE INDEX samples_by_class ON samples(dataset_id, split, class_index);
  CREATE TABLE selections (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    rule TEXT NOT NULL,
    ipc INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    params TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
  );
  CREATE TABLE selection_items (
    selection_id INTEGER NOT NULL REFERENCES selections(id) ON DELETE CASCADE,
    class_index INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    PRIMARY KEY (selection_id, class_index, rank),
    UNIQUE (selection_id, sample_id)
  );
  CREATE TABLE compressed_sets (
    id INTEGER PRIMARY KEY,
    selection_id INTEGER NOT NULL REFERENCES selections(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    grid INTEGER NOT NULL CHECK (grid >= 1),
    resolution INTEGER NOT NULL,
    params TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE compressed_images (
    set_id INTEGER NOT NULL REFERENCES compressed_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    class_index INTEGER NOT NULL,
    tile_sample_ids TEXT NOT NULL,
    PRIMARY KEY (set_id, position)
  );
  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled','interrupted')),
    params TEXT NOT NULL,
    progress TEXT,
    result TEXT,
    error_code TEXT,
    error_message TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    selection_id INTEGER REFERENCES selections(id) ON DELETE SET NULL,
    model TEXT NOT NULL,
    params TEXT NOT NULL,
    backend TEXT NOT NULL,
    seed INTEGER NOT NULL,
    train_images INTEGER NOT NULL,
    epochs INTEGER NOT NULL,
    steps INTEGER NOT NULL,
    seconds REAL NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    step INTEGER NOT NULL DEFAULT 0,
    value REAL NOT NULL,
    PRIMARY KEY (run_id, name, step)
  );
  CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    compressed_set_id INTEGER NOT NULL REFERENCES compressed_sets(id) ON DELETE CASCADE,
    dir TEXT NOT NULL,
    images INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: resumable imports of any source format, with their report and skipped files.
  `
  ALTER TABLE datasets ADD COLUMN status TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('importing', 'ready'));
  ALTER TABLE datasets ADD COLUMN import_key TEXT;
  ALTER TABLE datasets ADD COLUMN import_params TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE datasets ADD COLUMN import_cursor INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX datasets_by_import_key ON datasets(import_key);
  CREATE TABLE import_skipped (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT
  );
  CREATE INDEX import_skipped_by_dataset ON import_skipped(dataset_id, reason);
  CREATE TABLE import_reports (
    dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
    job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    report TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 3: pruning scores (per training image, averaged over proxy runs) and the selections made from them.
  `
  CREATE TABLE score_sets (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    score_key TEXT NOT NULL UNIQUE,
    dir TEXT NOT NULL,
    model TEXT NOT NULL,
    params TEXT NOT NULL,
    epochs INTEGER NOT NULL CHECK (epochs >= 1),
    seeds TEXT NOT NULL,
    backend TEXT NOT NULL,
    train_seconds REAL NOT NULL,
    seconds REAL NOT NULL,
    images_per_second REAL NOT NULL,
    samples INTEGER NOT NULL,
    classes INTEGER NOT NULL,
    feature_dims INTEGER NOT NULL,
    feature_explained REAL NOT NULL,
    final_train_accuracy REAL NOT NULL,
    file_bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX score_sets_by_dataset ON score_sets(dataset_id);
  CREATE TABLE sample_scores (
    score_set_id INTEGER NOT NULL REFERENCES score_sets(id) ON DELETE CASCADE,
    row_index INTEGER NOT NULL,
    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    el2n REAL NOT NULL,
    forgetting REAL NOT NULL,
    aum REAL NOT NULL,
    entropy REAL NOT NULL,
    margin REAL NOT NULL,
    PRIMARY KEY (score_set_id, row_index)
  ) WITHOUT ROWID;
  ALTER TABLE selections ADD COLUMN score_set_id INTEGER REFERENCES score_sets(id) ON DELETE SET NULL;
  `,
  // 4: combined (mosaic) sets keep their own pixels: cache/<cache_file>, N×H×W×C in position order.
  // NULL: the stored images are whole dataset samples read from the dataset's pixel cache.
  `
  ALTER TABLE compressed_sets ADD COLUMN cache_file TEXT;
  `,
  // 5: benchmarks (methods × IPC × label modes × seeds under one protocol), their sets and runs.
  // bench_key hashes the definition: starting the same definition again continues it.
  `
  CREATE TABLE benchmarks (
    id INTEGER PRIMARY KEY,
    job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    bench_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    protocol TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'interrupted')),
    info TEXT NOT NULL DEFAULT '{}',
    report_dir TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE TABLE bench_sets (
    bench_id INTEGER NOT NULL REFERENCES benchmarks(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    ipc INTEGER NOT NULL,
    set_id INTEGER REFERENCES compressed_sets(id) ON DELETE SET NULL,
    images INTEGER NOT NULL,
    source_images INTEGER NOT NULL,
    png_bytes INTEGER NOT NULL,
    epochs INTEGER NOT NULL,
    PRIMARY KEY (bench_id, method, ipc)
  ) WITHOUT ROWID;
  CREATE TABLE bench_runs (
    bench_id INTEGER NOT NULL REFERENCES benchmarks(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    ipc INTEGER NOT NULL,
    labels TEXT NOT NULL CHECK (labels IN ('hard', 'soft')),
    seed INTEGER NOT NULL,
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    accuracy REAL NOT NULL,
    train_seconds REAL NOT NULL,
    run_seconds REAL NOT NULL,
    cpu_seconds REAL NOT NULL,
    PRIMARY KEY (bench_id, method, ipc, labels, seed)
  ) WITHOUT ROWID;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
