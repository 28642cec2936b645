/**
 * `l10n quote | head -1`: once the reader goes away, a write fails with EPIPE, and an
 * unhandled stream error would crash the command half-way, perhaps between an order and
 * the lock write. Output that nobody reads is dropped instead; the command finishes its
 * work and exits with its own code. SIGPIPE is ignored explicitly (Node does so by default,
 * but say it here, where someone looking for it will find it).
 */
export function survivePipes(streams: NodeJS.WriteStream[]): void {
  process.on('SIGPIPE', () => {})
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return
      throw error
    })
  }
}
