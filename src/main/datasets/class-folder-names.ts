/**
 * Folder names for class names on any file system: characters that are unsafe on Windows,
 * macOS or Linux become "_", and collisions after that get a numeric suffix. The manifest
 * keeps the real names.
 */
export function classFolderNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name, index) => {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    let base = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/[. ]+$/g, '').trim();
    if (!base || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `class_${index}`;
    let folder = base;
    for (let n = 2; used.has(folder.toLowerCase()); n++) folder = `${base}_${n}`;
    used.add(folder.toLowerCase());
    return folder;
  });
}
