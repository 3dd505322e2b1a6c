// Ruleset.evaluate_columns: numpy buffers in, numpy buffers out, the GIL released in between.
// The package (tenet/frame.py) turns pandas columns into the (fact, kind, data, extra, present)
// tuples read here, with exactly the dtypes each kind names; nothing is cast silently.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>

#include "bindings.hpp"
#include "tenet/columns.hpp"

namespace py = pybind11;

namespace tenet::python {

namespace {

// A vector handed to numpy without a copy: the array owns it through a capsule.
template <typename T, typename Elem = T>
py::array_t<Elem> adopt(std::vector<T>&& v) {
    static_assert(sizeof(T) == sizeof(Elem), "same layout");
    auto* owned = new std::vector<T>(std::move(v));
    py::capsule free_it(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<Elem>(static_cast<py::ssize_t>(owned->size()), reinterpret_cast<const Elem*>(owned->data()),
                             free_it);
}

// The buffer of a 1-d numpy array of exactly dtype T with `rows` elements.
template <typename T>
const T* buffer(const py::handle& obj, size_t rows, const std::string& fact, std::vector<py::object>* keep) {
    if (!py::isinstance<py::array_t<T>>(obj)) {
        throw std::invalid_argument("column `" + fact + "`: expected a numpy array of " +
                                    std::string(py::str(py::dtype::of<T>())) + ", got " +
                                    std::string(py::str(py::type::handle_of(obj))));
    }
    auto a = py::reinterpret_borrow<py::array>(obj);
    if (a.ndim() != 1 || static_cast<size_t>(a.shape(0)) != rows) {
        throw std::invalid_argument("column `" + fact + "`: expected " + std::to_string(rows) + " rows");
    }
    auto contiguous = py::array_t<T, py::array::c_style>::ensure(a);
    keep->push_back(contiguous);
    return contiguous.data();
}

// A column the package built wrongly, or a value that is not text: reported at the column
// ("household.family_type") or at its row ("history.job_refusals[12]").
struct ColumnError {
    std::string path;
    std::string message;
};

// The UTF-8 of a str (or the bytes of a bytes); false for a str that is not Unicode text: lone
// surrogates, as decoding bad bytes with errors="surrogateescape" leaves them.
bool utf8_of(const py::handle& value, std::string* out) {
    if (PyBytes_Check(value.ptr())) {
        *out = value.cast<std::string>();
        return true;
    }
    Py_ssize_t size = 0;
    const char* data = PyUnicode_Check(value.ptr()) ? PyUnicode_AsUTF8AndSize(value.ptr(), &size) : nullptr;
    if (!data) {
        PyErr_Clear();
        return false;
    }
    out->assign(data, static_cast<size_t>(size));
    return true;
}

const char* const kNotText = "not UTF-8 text: a lone surrogate, as bytes decoded with errors=\"surrogateescape\" leave";

std::string at_row(const std::string& fact, size_t row) { return fact + "[" + std::to_string(row) + "]"; }

const char* type_name(OutputColumn::Type t) {
    switch (t) {
        case OutputColumn::Type::Bool: return "bool";
        case OutputColumn::Type::Integer: return "int";
        case OutputColumn::Type::Number:
        case OutputColumn::Type::Money: return "number";
        case OutputColumn::Type::Date: return "date";
        case OutputColumn::Type::Enum: return "enum";
        case OutputColumn::Type::Json: return "json";
    }
    return "?";
}

}  // namespace

py::tuple evaluate_columns_py(RulesetHandle& h, size_t rows, const py::list& columns, const std::string& as_of,
                              const std::vector<std::string>& decisions, unsigned threads, bool messages) {
    std::vector<py::object> keep;                 // the arrays read while the GIL is released
    std::vector<std::vector<std::string>> texts;  // text columns, copied out of Python strings
    std::vector<std::vector<std::string_view>> views;
    texts.reserve(columns.size());
    views.reserve(columns.size());
    std::vector<InputColumn> in;
    static const std::string_view kNoRows[1] = {};  // the texts of a column of no rows: not null
    std::string fact;
    try {
        for (const py::handle& item : columns) {
            auto t = item.cast<py::tuple>();
            fact = t[0].cast<std::string>();
            std::string kind = t[1].cast<std::string>();
            const uint8_t* present = t[4].is_none() ? nullptr : buffer<uint8_t>(t[4], rows, fact, &keep);
            if (kind == "bool") {
                in.push_back(InputColumn::booleans(fact, buffer<uint8_t>(t[2], rows, fact, &keep), present));
            } else if (kind == "integer") {
                in.push_back(InputColumn::integers(fact, buffer<int64_t>(t[2], rows, fact, &keep), present));
            } else if (kind == "scaled") {
                in.push_back(
                    InputColumn::scaled(fact, buffer<int64_t>(t[2], rows, fact, &keep), t[3].cast<int>(), present));
            } else if (kind == "days") {
                in.push_back(InputColumn::days(fact, buffer<int64_t>(t[2], rows, fact, &keep), present));
            } else if (kind == "text") {
                auto list = t[2].cast<py::list>();
                if (list.size() != rows)
                    throw std::invalid_argument("column `" + fact + "`: expected " + std::to_string(rows) + " rows");
                texts.emplace_back(rows);
                for (size_t row = 0; row < rows; ++row) {
                    if (!list[row].is_none() && !utf8_of(list[row], &texts.back()[row]))
                        throw ColumnError{at_row(fact, row), kNotText};
                }
                views.emplace_back(texts.back().begin(), texts.back().end());
                in.push_back(InputColumn::text(fact, rows ? views.back().data() : kNoRows, present));
            } else if (kind == "dictionary") {
                const int32_t* codes = buffer<int32_t>(t[2], rows, fact, &keep);
                auto spellings = t[3].cast<py::list>();
                std::vector<std::string> dictionary(spellings.size());
                for (size_t e = 0; e < dictionary.size(); ++e) {
                    if (utf8_of(spellings[e], &dictionary[e])) continue;
                    size_t row = static_cast<size_t>(std::find(codes, codes + rows, static_cast<int32_t>(e)) - codes);
                    throw ColumnError{row < rows ? at_row(fact, row) : fact, kNotText};
                }
                in.push_back(InputColumn::dictionary_coded(fact, codes, std::move(dictionary)));
            } else {
                throw std::invalid_argument("column `" + fact + "`: unknown kind `" + kind + "`");
            }
        }
    } catch (const std::invalid_argument& e) {
        return py::make_tuple(false, py::make_tuple(fact, e.what()));
    } catch (const ColumnError& e) {
        return py::make_tuple(false, py::make_tuple(e.path, e.message));
    }

    FrameOptions options;
    options.as_of = as_of;
    options.decisions = decisions;
    options.threads = threads;
    options.messages = messages;
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        options.compiled_code = h.code;  // Ruleset.use_compiled_code's, if it was called
    }
    FrameResult result;
    InputError error;
    bool ok;
    {
        py::gil_scoped_release release;
        ok = evaluate_columns(*h.ruleset, rows, in, options, &result, &error);
    }
    if (!ok) return py::make_tuple(false, py::make_tuple(text_of(error.path), text_of(error.message)));

    py::list out;
    for (OutputColumn& c : result.columns) {
        py::dict d;
        d["decision"] = c.decision;
        d["type"] = type_name(c.type);
        d["type_name"] = c.type_name;
        d["money"] = c.money;
        d["percent"] = c.percent;
        d["forever_as"] = c.forever_as;
        d["state"] = adopt<RowState, uint8_t>(std::move(c.states));
        switch (c.type) {
            case OutputColumn::Type::Bool: d["values"] = adopt(std::move(c.bools)); break;
            case OutputColumn::Type::Integer: d["values"] = adopt(std::move(c.int64s)); break;
            case OutputColumn::Type::Date:  // int32 days, int32 enum indices: 4 bytes a row
            case OutputColumn::Type::Enum: d["values"] = adopt(std::move(c.int32s)); break;
            case OutputColumn::Type::Money: {  // cents: the exact number cents / 100
                size_t rows = c.int64s.size();
                d["numerators"] = adopt(std::move(c.int64s));
                d["denominators"] = adopt(std::vector<int64_t>(rows, 100));
                break;
            }
            case OutputColumn::Type::Number:
                d["numerators"] = adopt(std::move(c.numerators));
                d["denominators"] = adopt(std::move(c.denominators));
                break;
            case OutputColumn::Type::Json: {
                py::list texts(result.rows);
                for (size_t row = 0; row < result.rows; ++row) {
                    std::string_view text = c.json(row);
                    texts[row] = py::str(text.data(), text.size());
                }
                d["values"] = std::move(texts);
                break;
            }
        }
        d["enum_values"] = py::cast(c.enum_values);
        if (messages) d["messages"] = py::cast(c.messages);
        out.append(d);
    }
    return py::make_tuple(true, py::make_tuple(out, result.columnar_decisions, result.compiled_decisions));
}

}  // namespace tenet::python
