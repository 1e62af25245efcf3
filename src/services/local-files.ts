// Browser only: photos chosen in an <input type=file>, kept by the blob: URL the app previews them
// with. Uploads read the File from here, because the server's Content-Security-Policy
// (connect-src 'self') forbids fetching blob: URLs, which Taro's H5 uploadFile would do.
const files = new Map<string, Blob>()

export function localFileUrl(file: Blob): string {
  const url = URL.createObjectURL(file)
  files.set(url, file)
  return url
}

export function localFile(url: string): Blob | undefined {
  return files.get(url)
}
