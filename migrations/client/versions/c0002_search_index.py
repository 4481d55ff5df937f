"""offline full-text search index

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-28

The text of every page lives once, in ``search_pages``; two FTS5 indexes read it through
external content.  ``search_folded`` removes every diacritic (``remove_diacritics 2``; mode 1
would keep the marks of letters with two, such as ệ) and sees the text through a view that
folds ``đ/Đ`` to ``d`` — a letter with no Unicode decomposition, which the tokenizer cannot
fold.  ``search_exact`` keeps the marks, for the exact mode and for ranking exact matches
first.  Triggers keep both indexes in step with ``search_pages``, and the foreign keys remove
a document's pages with the document itself: when a packet version changes and a document
leaves every kept version, its entries leave the index in the same transaction.

Prefix indexes of two and three letters keep the folded index quick while the first letters
of a word are being typed (a prefix query otherwise merges the lists of every word it
starts); a one-letter word is not taken as a prefix at all.  The exact index, asked for
every query to rank exact matches first, has two-letter prefixes only: longer exact prefixes
start few words, and each prefix size adds to the cost of indexing.
"""

from __future__ import annotations

from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE search_documents (
            sha256 VARCHAR(64) NOT NULL PRIMARY KEY
                REFERENCES documents (sha256) ON DELETE CASCADE,
            pages INTEGER NOT NULL,
            error TEXT,
            indexed_at DATETIME NOT NULL
        )
        """
    )
    op.execute(
        """
        CREATE TABLE search_pages (
            id INTEGER NOT NULL PRIMARY KEY,
            sha256 VARCHAR(64) NOT NULL
                REFERENCES search_documents (sha256) ON DELETE CASCADE,
            page INTEGER NOT NULL,
            text TEXT NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX ix_search_pages_sha256 ON search_pages (sha256, page)")
    op.execute(
        "CREATE VIEW search_pages_folded AS "
        "SELECT id, replace(replace(text, 'đ', 'd'), 'Đ', 'D') AS text FROM search_pages"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_folded USING fts5(text, content='search_pages_folded', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_exact USING fts5(text, content='search_pages', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2')"
    )
    op.execute(
        """
        CREATE TRIGGER search_pages_insert AFTER INSERT ON search_pages BEGIN
            INSERT INTO search_folded (rowid, text)
                VALUES (new.id, replace(replace(new.text, 'đ', 'd'), 'Đ', 'D'));
            INSERT INTO search_exact (rowid, text) VALUES (new.id, new.text);
        END
        """
    )
    op.execute(
        """
        CREATE TRIGGER search_pages_delete AFTER DELETE ON search_pages BEGIN
            INSERT INTO search_folded (search_folded, rowid, text)
                VALUES ('delete', old.id, replace(replace(old.text, 'đ', 'd'), 'Đ', 'D'));
            INSERT INTO search_exact (search_exact, rowid, text)
                VALUES ('delete', old.id, old.text);
        END
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER search_pages_delete")
    op.execute("DROP TRIGGER search_pages_insert")
    op.execute("DROP TABLE search_exact")
    op.execute("DROP TABLE search_folded")
    op.execute("DROP VIEW search_pages_folded")
    op.execute("DROP TABLE search_pages")
    op.execute("DROP TABLE search_documents")
