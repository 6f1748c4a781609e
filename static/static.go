// Package static holds the console's stylesheet, script and icons, embedded in the binary so a
// single file runs the whole console.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

// FS is the embedded static tree, served under /static/.
//
//go:embed *.css *.js *.svg
var FS embed.FS

// Version is a digest of the embedded files. Pages add it to asset URLs so that browsers may
// cache assets for long and still fetch new ones after an upgrade.
var Version = digest()

func digest() string {
	h := sha256.New()
	fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := FS.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}
