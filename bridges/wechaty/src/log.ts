/**
 * One line per event: `<ISO time> <LEVEL> <what> key=value ...`. Values are JSON-encoded, so text from
 * a chat (line breaks, ESC) can never forge a log line.
 */
export type Fields = Record<string, unknown>

export function info (what: string, fields: Fields = {}): void {
  write('INFO', what, fields)
}

export function warn (what: string, fields: Fields = {}): void {
  write('WARN', what, fields)
}

export function error (what: string, fields: Fields = {}): void {
  write('ERROR', what, fields)
}

function write (level: string, what: string, fields: Fields): void {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v instanceof Error ? v.message : v)}`)
  const line = `${new Date().toISOString()} ${level} ${what}${parts.length ? ' ' + parts.join(' ') : ''}\n`
  ;(level === 'INFO' ? process.stdout : process.stderr).write(line)
}
