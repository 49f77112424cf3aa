// inspect_file: every group, dataset, attribute and compound field of an HDF5 file.
#include "output/inspect.hpp"

#include "output/detail/hdf5.hpp"

#include <algorithm>
#include <exception>

namespace kokeilu::output {

namespace {

using namespace detail;

struct Visit {
    std::vector<FileEntry>* entries;
    std::string where;
    std::string current;      ///< path of the object whose attributes are listed
    std::exception_ptr error; ///< exceptions must not unwind through HDF5's C frames
};

std::string object_path(const char* name) {
    const std::string relative = name;
    return relative == "." ? "/" : "/" + relative;
}

void add_attribute(Visit& visit, hid_t object, const char* name) {
    const std::string what = "cannot inspect attribute '" + std::string(name) + "' of " +
                             visit.current + " in " + visit.where;
    const Attribute attr{check_id(H5Aopen(object, name, H5P_DEFAULT), what)};
    const Datatype type{check_id(H5Aget_type(attr.get()), what)};
    const Dataspace space{check_id(H5Aget_space(attr.get()), what)};
    const bool array = H5Sget_simple_extent_ndims(space.get()) == 1;
    visit.entries->push_back(FileEntry{visit.current + "@" + name, "attribute",
                                       type_name(type.get()) + (array ? " array" : "")});
}

herr_t list_attribute(hid_t object, const char* name, const H5A_info_t* /*info*/, void* data) {
    auto& visit = *static_cast<Visit*>(data);
    try {
        add_attribute(visit, object, name);
        return 0;
    } catch (...) {
        visit.error = std::current_exception();
        return -1;
    }
}

void add_object(Visit& visit, hid_t root, const char* name, const H5O_info_t* info) {
    const std::string path = object_path(name);
    const std::string what = "cannot inspect " + path + " in " + visit.where;
    if (info->type == H5O_TYPE_GROUP) {
        visit.entries->push_back(FileEntry{path, "group", ""});
    } else if (info->type == H5O_TYPE_DATASET) {
        const Dataset dataset{check_id(H5Dopen2(root, name, H5P_DEFAULT), what)};
        const Datatype type{check_id(H5Dget_type(dataset.get()), what)};
        visit.entries->push_back(FileEntry{path, "dataset", type_name(type.get())});
        if (H5Tget_class(type.get()) == H5T_COMPOUND) {
            const int members = H5Tget_nmembers(type.get());
            for (int i = 0; i < members; ++i) {
                const auto index = static_cast<unsigned>(i);
                char* raw_name = H5Tget_member_name(type.get(), index);
                const std::string field = raw_name != nullptr ? raw_name : "?";
                H5free_memory(raw_name);
                const Datatype member{check_id(H5Tget_member_type(type.get(), index), what)};
                visit.entries->push_back(
                    FileEntry{path + "." + field, "field", type_name(member.get())});
            }
        }
    } else {
        visit.entries->push_back(FileEntry{path, "other", ""});
    }
    visit.current = path;
    hsize_t position = 0;
    const herr_t status = H5Aiterate_by_name(root, name, H5_INDEX_NAME, H5_ITER_INC, &position,
                                             list_attribute, &visit, H5P_DEFAULT);
    if (visit.error) {
        std::rethrow_exception(visit.error);
    }
    check(status, "cannot list the attributes of " + path + " in " + visit.where);
}

herr_t list_object(hid_t root, const char* name, const H5O_info_t* info, void* data) {
    auto& visit = *static_cast<Visit*>(data);
    try {
        add_object(visit, root, name, info);
        return 0;
    } catch (...) {
        visit.error = std::current_exception();
        return -1;
    }
}

} // namespace

std::vector<FileEntry> inspect_file(const std::filesystem::path& path) {
    const QuietErrors quiet;
    const std::string where = quoted(path);
    if (!std::filesystem::is_regular_file(path)) {
        throw OutputError("cannot inspect " + where + ": no such file");
    }
    const File file{
        check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "cannot open " + where)};
    std::vector<FileEntry> entries;
    Visit visit{&entries, where, "", nullptr};
    const herr_t status =
        H5Ovisit2(file.get(), H5_INDEX_NAME, H5_ITER_INC, list_object, &visit, H5O_INFO_BASIC);
    if (visit.error) {
        std::rethrow_exception(visit.error);
    }
    check(status, "cannot list the contents of " + where);
    std::sort(entries.begin(), entries.end(),
              [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
    return entries;
}

} // namespace kokeilu::output
