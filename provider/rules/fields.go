package rules

import "fmt"

// FieldIndex is the field path of a list's element: "aws.subnets[0]".
func FieldIndex(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

func quote(s string) string { return fmt.Sprintf("%q", s) }
