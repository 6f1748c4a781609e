package handlers

import (
	"strings"

	"endpointconsole/views"
)

// policyDiff compares two policies line by line, after pretty-printing both the same way, so
// that a change of layout alone shows no difference.
func policyDiff(old, new string) []views.DiffLine {
	a := strings.Split(prettyPolicy(old), "\n")
	b := strings.Split(prettyPolicy(new), "\n")
	// Longest common subsequence table; policies are at most 20,480 characters, so a few
	// hundred lines at worst.
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []views.DiffLine
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, views.DiffLine{Op: ' ', Text: a[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, views.DiffLine{Op: '-', Text: a[i]})
			i++
		default:
			out = append(out, views.DiffLine{Op: '+', Text: b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		out = append(out, views.DiffLine{Op: '-', Text: a[i]})
	}
	for ; j < len(b); j++ {
		out = append(out, views.DiffLine{Op: '+', Text: b[j]})
	}
	return out
}
