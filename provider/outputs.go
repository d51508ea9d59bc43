package provider

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// setOutputs sets the component's output fields from the exports, by the
// fields' schema names, and every field without an export (the outputs of
// clouds without a block) to its empty value: "" or []. An export the
// component does not declare is a bug, reported as such.
func setOutputs(comp *ThreatManager, exports map[string]pulumi.Output) error {
	v := reflect.ValueOf(comp).Elem()
	t := v.Type()
	for i := range t.NumField() {
		name, ok := t.Field(i).Tag.Lookup("pulumi")
		if !ok {
			continue
		}
		out, ok := exports[name]
		if !ok {
			out = emptyOutput(t.Field(i).Type)
		}
		if out == nil || !reflect.TypeOf(out).AssignableTo(t.Field(i).Type) {
			return fmt.Errorf("output %s: %T does not fit %s", name, out, t.Field(i).Type)
		}
		v.Field(i).Set(reflect.ValueOf(out))
		delete(exports, name)
	}
	if len(exports) > 0 {
		return fmt.Errorf("outputs the component does not declare: %s", strings.Join(slices.Sorted(maps.Keys(exports)), ", "))
	}
	return nil
}

func emptyOutput(t reflect.Type) pulumi.Output {
	switch t {
	case reflect.TypeFor[pulumi.StringOutput]():
		return pulumi.String("").ToStringOutput()
	case reflect.TypeFor[pulumi.StringArrayOutput]():
		return pulumi.ToStringArray(nil).ToStringArrayOutput()
	}
	return nil
}
