package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type yamlDocument struct {
	Document int             `json:"document"`
	Object   json.RawMessage `json:"object,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// runYAML splits a stream into documents the way kubectl does (apimachinery's YAMLReader, which
// cuts at lines starting with "---") and converts each with sigs.k8s.io/yaml.YAMLToJSON, the
// conversion behind kubectl's and the API server's YAML decoding. A document that is empty or
// only comments yields "null", which kubectl skips; it is still printed so indexes line up.
func runYAML(in io.Reader, out io.Writer) error {
	docs, err := readStream(in)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}

func readStream(in io.Reader) ([]yamlDocument, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReaderSize(in, 1<<20))
	docs := []yamlDocument{}
	for index := 0; ; index++ {
		doc, err := reader.Read()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		result := yamlDocument{Document: index}
		converted, err := yaml.YAMLToJSON(doc)
		if err != nil {
			result.Error = err.Error()
		} else {
			result.Object = converted
		}
		docs = append(docs, result)
	}
}

type yamlCase struct {
	ID   string `json:"id"`
	YAML string `json:"yaml"`
}

type yamlCaseResult struct {
	ID        string         `json:"id"`
	Documents []yamlDocument `json:"documents"`
}

// runYAMLBatch reads many independent streams, one JSON line {"id","yaml"} each, so a test can
// compare thousands of small streams through one process.
func runYAMLBatch(in io.Reader, out io.Writer) error {
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for line := 1; scanner.Scan(); line++ {
		if len(scanner.Bytes()) == 0 {
			continue
		}
		var c yamlCase
		if err := json.Unmarshal(scanner.Bytes(), &c); err != nil {
			return fmt.Errorf("stdin line %d: %v", line, err)
		}
		docs, err := readStream(strings.NewReader(c.YAML))
		if err != nil {
			return fmt.Errorf("stdin line %d: %v", line, err)
		}
		if err := enc.Encode(yamlCaseResult{ID: c.ID, Documents: docs}); err != nil {
			return err
		}
	}
	return scanner.Err()
}
