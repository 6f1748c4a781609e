package audit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestFindingKindsListsEveryKind: every FindingKind constant declared in the package is in
// FindingKinds, once, so that the tests walking the list see a new kind.
func TestFindingKindsListsEveryKind(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.CONST {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if typ, ok := vs.Type.(*ast.Ident); ok && typ.Name == "FindingKind" {
					for _, n := range vs.Names {
						declared = append(declared, n.Name)
					}
				}
			}
		}
	}
	if len(declared) == 0 {
		t.Fatal("no FindingKind constant found: has the declaration moved?")
	}
	listed := map[FindingKind]int{}
	for _, k := range FindingKinds {
		listed[k]++
	}
	if len(declared) != len(FindingKinds) || len(listed) != len(FindingKinds) {
		t.Errorf("%d FindingKind constants declared (%s), %d kinds in FindingKinds (%d distinct): list each kind once",
			len(declared), strings.Join(declared, ", "), len(FindingKinds), len(listed))
	}
}
