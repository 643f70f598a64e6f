//! An SMTP server for tests that run the real `worker` binary: it stores every
//! message as a `.eml` file (so [`super::mail::read_mails`] reads them as it
//! reads the file transport's) and can *hold* the reply to the end of a
//! message's data.
//!
//! Each listener stands for one sender (give each worker process its own port
//! in `SMTP_URL`). While a listener is held, a message that reaches its final
//! `.` is stored at once, as a real server that has queued it would, but the
//! `250` is not sent: the worker sits between "sent" and "commit", mid-job,
//! until the test releases the hold or kills it. A killed worker never gets
//! the reply; its redelivered job is sent again, the at-least-once window that
//! the worker's docs describe.

use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::Notify,
};

use super::mail::{Mail, decode_quoted_printable};

/// One message the sink stored.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Index of the listener (i.e. the sender) it came through.
    pub listener: usize,
    /// The outbox job id from its `Message-ID`.
    pub job_id: i64,
    /// Whether the `250` went out (false while held, and forever if the sender died).
    pub replied: bool,
    /// Whether the sender has closed the connection it came on.
    pub closed: bool,
    /// The test's phase when it arrived (see [`SmtpSink::set_phase`]).
    pub phase: usize,
}

#[derive(Default)]
struct Inner {
    held: Vec<bool>,
    deliveries: Vec<Delivery>,
    phase: usize,
}

/// The running server; its tasks stop with the test's runtime.
pub struct SmtpSink {
    /// One port per listener, in the order given to [`SmtpSink::start`].
    pub ports: Vec<u16>,
    inner: Arc<Mutex<Inner>>,
    released: Arc<Notify>,
}

impl SmtpSink {
    /// Listens on `127.0.0.1:<port>` for each port; stores messages in `dir`.
    pub async fn start(ports: &[u16], dir: PathBuf) -> Self {
        std::fs::create_dir_all(&dir).unwrap();
        let inner = Arc::new(Mutex::new(Inner {
            held: vec![false; ports.len()],
            ..Inner::default()
        }));
        let released = Arc::new(Notify::new());
        for (listener, port) in ports.iter().enumerate() {
            let socket = TcpListener::bind(("127.0.0.1", *port)).await.unwrap();
            let (inner, released, dir) = (inner.clone(), released.clone(), dir.clone());
            tokio::spawn(async move {
                while let Ok((stream, _)) = socket.accept().await {
                    let (inner, released, dir) = (inner.clone(), released.clone(), dir.clone());
                    tokio::spawn(async move {
                        let mut stored = Vec::new();
                        let _ =
                            converse(stream, listener, &inner, &released, &dir, &mut stored).await;
                        let mut inner = inner.lock().unwrap();
                        for index in stored {
                            inner.deliveries[index].closed = true;
                        }
                    });
                }
            });
        }
        Self {
            ports: ports.to_vec(),
            inner,
            released,
        }
    }

    /// From now on, messages through `listener` are stored but not answered.
    ///
    /// Returns what that listener had answered before: under the same lock the
    /// connections use, so no answer can slip in between.
    pub fn hold(&self, listener: usize) -> Vec<Delivery> {
        let mut inner = self.inner.lock().unwrap();
        inner.held[listener] = true;
        inner
            .deliveries
            .iter()
            .filter(|d| d.listener == listener && d.replied)
            .cloned()
            .collect()
    }

    /// Answers the held messages of `listener` (those whose sender still listens) and stops holding.
    pub fn release(&self, listener: usize) {
        self.inner.lock().unwrap().held[listener] = false;
        self.released.notify_waiters();
    }

    /// Labels the messages that arrive from now on with `phase` (0 at the start).
    pub fn set_phase(&self, phase: usize) {
        self.inner.lock().unwrap().phase = phase;
    }

    /// Everything stored so far, in arrival order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.inner.lock().unwrap().deliveries.clone()
    }

    /// Messages through `listener` that got no `250` (held now, or their sender died holding).
    pub fn unanswered(&self, listener: usize) -> Vec<Delivery> {
        self.deliveries()
            .into_iter()
            .filter(|d| d.listener == listener && !d.replied)
            .collect()
    }
}

/// One SMTP session; records the index of each message it stored in `stored`.
async fn converse(
    stream: tokio::net::TcpStream,
    listener: usize,
    inner: &Mutex<Inner>,
    released: &Notify,
    dir: &std::path::Path,
    stored: &mut Vec<usize>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 sink ESMTP\r\n").await?;
    while let Some(line) = lines.next_line().await? {
        let command = line.to_ascii_uppercase();
        if command.starts_with("DATA") {
            write.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            while let Some(line) = lines.next_line().await? {
                if line == "." {
                    break;
                }
                // Undo dot-stuffing (RFC 5321 4.5.2).
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
                data.push_str("\r\n");
            }
            let mail = Mail {
                decoded: decode_quoted_printable(&data),
                raw: data,
            };
            let job_id = mail.job_id();
            // Stored before anything is answered: the sender's at-least-once window.
            let name = uuid::Uuid::new_v4().simple().to_string();
            std::fs::write(dir.join(format!("{name}.tmp")), &mail.raw)?;
            std::fs::rename(
                dir.join(format!("{name}.tmp")),
                dir.join(format!("{name}.eml")),
            )?;
            let index = {
                let mut inner = inner.lock().unwrap();
                let replied = !inner.held[listener];
                let phase = inner.phase;
                inner.deliveries.push(Delivery {
                    listener,
                    job_id,
                    replied,
                    closed: false,
                    phase,
                });
                inner.deliveries.len() - 1
            };
            stored.push(index);
            loop {
                // Created before the check, so a release in between is not missed.
                let wait = released.notified();
                {
                    let mut inner = inner.lock().unwrap();
                    // Answered when stored, or released since.
                    if inner.deliveries[index].replied || !inner.held[listener] {
                        inner.deliveries[index].replied = true;
                        break;
                    }
                }
                // Held: wait for a release, or for the sender to go away.
                tokio::select! {
                    () = wait => {}
                    next = lines.next_line() => {
                        // A sender waiting for the reply sends nothing: this is its end.
                        let _ = next;
                        return Ok(());
                    }
                }
            }
            write.write_all(b"250 queued\r\n").await?;
        } else if command.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            break;
        } else {
            write.write_all(b"250 OK\r\n").await?;
        }
    }
    Ok(())
}
