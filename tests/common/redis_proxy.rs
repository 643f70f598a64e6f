//! A TCP proxy in front of Redis that a test can make hang or go down.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU8, Ordering},
    },
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt as _, AsyncWriteExt as _},
    net::{TcpListener, TcpStream},
};

/// How the proxy treats traffic to Redis.
pub const FORWARD: u8 = 0;
/// Swallows requests and never answers: a hung Redis.
pub const SILENT: u8 = 1;
/// Closes every connection and refuses new ones: Redis is down.
pub const CUT: u8 = 2;

/// A TCP proxy in front of Redis that a test can make hang or go down.
pub struct RedisProxy {
    port: u16,
    mode: Arc<AtomicU8>,
}

impl RedisProxy {
    pub async fn start(redis_url: &str) -> Self {
        let upstream = redis_url
            .trim_start_matches("redis://")
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mode = Arc::new(AtomicU8::new(FORWARD));
        let shared = mode.clone();
        tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                if shared.load(Ordering::SeqCst) == CUT {
                    continue; // dropped: the connection closes at once
                }
                let Ok(outbound) = TcpStream::connect(&upstream).await else {
                    continue;
                };
                tokio::spawn(relay(inbound, outbound, shared.clone()));
            }
        });
        Self { port, mode }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    pub fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
    }
}

/// Forwards one connection; requests are dropped while silent, the connection closes when cut.
async fn relay(inbound: TcpStream, outbound: TcpStream, mode: Arc<AtomicU8>) {
    let (mut from_client, mut to_client) = inbound.into_split();
    let (mut from_redis, mut to_redis) = outbound.into_split();
    let answers = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut from_redis, &mut to_client).await;
    });
    let mut buf = vec![0; 16 * 1024];
    loop {
        let read = tokio::time::timeout(Duration::from_millis(20), from_client.read(&mut buf));
        let mode_now = mode.load(Ordering::SeqCst);
        if mode_now == CUT {
            break;
        }
        match read.await {
            Err(_) => continue, // no request; look at the mode again
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(n)) => {
                if mode.load(Ordering::SeqCst) == FORWARD
                    && to_redis.write_all(&buf[..n]).await.is_err()
                {
                    break;
                }
            }
        }
    }
    answers.abort();
}
