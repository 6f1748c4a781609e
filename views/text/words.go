// Package text writes the console's phrases so that they read well at any width: an id, a CIDR, a
// service name or a resource name never breaks inside, at a hyphen or anywhere else.
package text

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"
)

// Words writes a phrase that may break only at its spaces: each id, CIDR, service name or
// resource name in it is a span that does not wrap (CSS can't keep a browser from breaking a
// word at its hyphen; such a span can). It is written in Go, not templ, so that exactly one
// space separates the words.
func Words(s string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		var b strings.Builder
		for _, word := range phraseWords(s) {
			if word.Space {
				b.WriteByte(' ')
			}
			if word.Whole {
				b.WriteString(`<span class="id">` + templ.EscapeString(word.Text) + `</span>`)
			} else {
				b.WriteString(templ.EscapeString(word.Text))
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// phraseWords splits a phrase at its spaces for Words, marking each word that must not break
// inside: an id, a CIDR, a service name or a resource name — any word holding a hyphen, a slash
// or a dot between letters or digits.
func phraseWords(s string) []phraseWord {
	var out []phraseWord
	for i, w := range strings.Split(s, " ") {
		out = append(out, phraseWord{Text: w, Space: i > 0, Whole: wholeWord(w)})
	}
	return out
}

type phraseWord struct {
	Text string
	// Space says a space comes before the word; Whole that it must stay on one line.
	Space, Whole bool
}

func wholeWord(w string) bool {
	for i := 1; i+1 < len(w); i++ {
		if strings.ContainsRune("-/.", rune(w[i])) && isAlnum(w[i-1]) && isAlnum(w[i+1]) {
			return true
		}
	}
	return false
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
