//! Emails as a user receives them: the `.eml` files lettre's file transport writes.

use std::path::Path;

use super::{TestApp, payments::eventually};

/// A captured email: its headers and decoded body text.
#[derive(Debug)]
pub struct Mail {
    /// The file as written (headers, quoted-printable parts).
    pub raw: String,
    /// `raw` with quoted-printable decoded.
    pub decoded: String,
}

impl Mail {
    /// The value of a header of the top-level message.
    pub fn header(&self, name: &str) -> String {
        let prefix = format!("{name}: ");
        self.raw
            .lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no {name} header in {}", self.raw))
            .to_owned()
    }

    /// Asserts the decoded message contains every needle.
    pub fn assert_contains(&self, needles: &[&str]) {
        for needle in needles {
            assert!(
                self.decoded.contains(needle),
                "email lacks `{needle}`:\n{}",
                self.decoded
            );
        }
    }
}

/// Decodes quoted-printable (soft line breaks and `=XX`), enough for assertions.
pub fn decode_quoted_printable(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(joined.get(i + 1..i + 3)?, 16).ok())
            .flatten();
        if let Some(b) = escaped {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).replace("\r\n", "\n")
}

/// Every `.eml` file in the mail directory.
pub fn read_mails(dir: &Path) -> Vec<Mail> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .map(|p| {
            let raw = std::fs::read_to_string(&p).unwrap();
            let decoded = decode_quoted_printable(&raw);
            Mail { raw, decoded }
        })
        .collect()
}

/// Every email the app wrote so far.
pub fn mails(app: &TestApp) -> Vec<Mail> {
    read_mails(&app.state.settings.email.outbox_dir)
}

impl Mail {
    /// Whether the subject starts with `prefix`.
    pub fn subject_starts_with(&self, prefix: &str) -> bool {
        self.raw.lines().take_while(|l| !l.is_empty()).any(|l| {
            l.strip_prefix("Subject: ")
                .is_some_and(|s| s.starts_with(prefix))
        })
    }

    /// The file transport writes in place: complete once the closing MIME boundary is there.
    pub fn is_complete(&self) -> bool {
        self.raw.trim_end().ends_with("--")
    }
}

impl Mail {
    /// The outbox id of the job that sent this email (its `Message-ID` is `<job-N@...>`).
    pub fn job_id(&self) -> i64 {
        let id = self.header("Message-ID");
        id.trim_start_matches("<job-")
            .split('@')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("Message-ID {id} names no job"))
    }

    /// Whether the email is complete and the job that sent it has committed.
    ///
    /// The worker sends, then commits: a token issued with the email exists
    /// for others only after the commit, as it would by the time a person
    /// opens the email.
    pub async fn is_delivered(&self, app: &TestApp) -> bool {
        if !self.is_complete() {
            return false;
        }
        let db = app.db().await;
        codegen::queries::jobs::processed::count_processed_jobs()
            .bind(&db, &self.job_id())
            .one()
            .await
            .unwrap()
            == 1
    }
}

/// Emails whose subject starts with `prefix`.
pub fn mails_with_subject(app: &TestApp, prefix: &str) -> Vec<Mail> {
    mails(app)
        .into_iter()
        .filter(|m| m.subject_starts_with(prefix))
        .collect()
}

/// Waits until the one email whose subject starts with `prefix` is complete; fails on a second.
pub async fn wait_for_mail(app: &TestApp, prefix: &str) -> Mail {
    eventually(&format!("an email `{prefix}...`"), || async {
        let mut found = mails_with_subject(app, prefix);
        assert!(
            found.len() <= 1,
            "more than one `{prefix}` email: {found:#?}"
        );
        match found.pop() {
            Some(mail) if mail.is_delivered(app).await => Some(mail),
            _ => None,
        }
    })
    .await
}

impl Mail {
    /// The `token` of the first link to `{base}{page}?token=...` in the email.
    pub fn link_token(&self, base: &str, page: &str) -> String {
        let prefix = format!("{base}{page}?token=");
        let start = self
            .decoded
            .find(&prefix)
            .unwrap_or_else(|| panic!("no link to {prefix} in {}", self.decoded))
            + prefix.len();
        self.decoded[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect()
    }
}

/// Waits until exactly `count` complete emails have a subject starting with `prefix`; fails on more.
pub async fn wait_for_mails(app: &TestApp, prefix: &str, count: usize) -> Vec<Mail> {
    eventually(&format!("{count} emails `{prefix}...`"), || async {
        let found = mails_with_subject(app, prefix);
        assert!(
            found.len() <= count,
            "more than {count} `{prefix}` emails: {found:#?}"
        );
        if found.len() != count {
            return None;
        }
        for mail in &found {
            if !mail.is_delivered(app).await {
                return None;
            }
        }
        Some(found)
    })
    .await
}
