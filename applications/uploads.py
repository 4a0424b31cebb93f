"""What an uploaded file is, judged by its content (magic bytes, then the library's own parse),
and whether it may be attached: the type, the photo's shape and size, a readable unencrypted PDF,
and the limits on number and total size. Pure: bytes in, a media type or UploadRefused out."""
import io
import math
import warnings

from babel.units import format_unit
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from rules.errors import RuleError
from rules.i18n_marker import N_

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
PHOTO, DOCUMENT = "photo", "document"
KILOBYTE, MEGABYTE = 1024, 1024 * 1024

PHOTO_MIN_WIDTH, PHOTO_MIN_HEIGHT = 300, 400
PHOTO_RATIO = 3 / 4  # width : height, the 3 cm × 4 cm photo
PHOTO_RATIO_TOLERANCE = 0.02  # 2 %: a few pixels of cropping either way
MAX_PIXELS = 50_000_000  # above this Pillow would need too much memory: a decompression bomb


class UploadRefused(RuleError):
    pass


def sniff(content):
    return next((media for magic, media in MAGIC if content.startswith(magic)), None)


def cleaned(content, media):
    """What is stored for an accepted file: photos and image scans re-encoded without their metadata (EXIF, GPS,
    comments), upright as shown; a PDF as sent (active content is refused by inspect)."""
    if media == PDF:
        return content
    with Image.open(io.BytesIO(content)) as image:
        upright = ImageOps.exif_transpose(image)
        if media == JPEG:
            upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
            options = {"format": "JPEG", "quality": 95}
        else:
            options = {"format": "PNG", "optimize": False}
        icc = upright.info.get("icc_profile")  # colour, not about the person: kept
        upright = upright.copy()
        upright.info = {}  # Pillow would otherwise carry EXIF, comments and text chunks into the new file
        out = io.BytesIO()
        upright.save(out, **options, **({"icc_profile": icc} if icc else {}))
    return out.getvalue()


def inspect(content, kind):
    """The media type of an acceptable file of `kind` (photo or document), else UploadRefused."""
    if not content:
        raise UploadRefused("empty", N_("The file is empty. Choose the file again."))
    media = sniff(content)
    if media is None:
        raise UploadRefused("type", N_("This file is not a PDF, JPEG or PNG file (whatever its name says). "
                                       "Save or scan the document as PDF, JPEG or PNG and upload that file."))
    if kind == PHOTO and media != JPEG:
        raise UploadRefused("photo_type", N_("The photo must be a JPEG file. Save the photo as JPEG and "
                                             "upload it again."))
    if media == PDF:
        _check_pdf(content)
    else:
        size = _check_image(content, media)
        if kind == PHOTO:
            _check_photo(*size)
    return media


def _check_image(content, media):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                image.load()  # decodes every pixel: a truncated file fails here
                return image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused("image_too_large", N_("The image has too many pixels. Reduce it to at most "
                                                  "50 million pixels and upload it again.")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise UploadRefused("image_broken", N_("The image cannot be read: the file is damaged or incomplete. "
                                               "Save it again from the original and upload it.")) from None


def _check_photo(width, height):
    if width > height:
        raise UploadRefused("photo_landscape", N_("The photo is in landscape format. Use a portrait photo, "
                                                  "3 wide by 4 high."))
    if width < PHOTO_MIN_WIDTH or height < PHOTO_MIN_HEIGHT:
        raise UploadRefused("photo_small",
                            N_("The photo is %(width)d × %(height)d pixels. It must be at least "
                               "%(min_width)d × %(min_height)d pixels: use a sharper photo."),
                            width=width, height=height, min_width=PHOTO_MIN_WIDTH, min_height=PHOTO_MIN_HEIGHT)
    if abs(width / height - PHOTO_RATIO) > PHOTO_RATIO * PHOTO_RATIO_TOLERANCE:
        raise UploadRefused("photo_ratio",
                            N_("The photo is %(width)d × %(height)d pixels, which is not 3 wide by 4 high "
                               "(within %(tolerance)d %%). Crop it to 3:4, for example %(example)s pixels."),
                            width=width, height=height, tolerance=round(PHOTO_RATIO_TOLERANCE * 100),
                            example=f"{width} × {round(width / PHOTO_RATIO)}")


def _check_pdf(content):
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRefused("pdf_encrypted",
                                N_("The PDF is protected by a password or has restrictions. Save it again "
                                   "without a password or restrictions and upload it."))
        if len(reader.pages) == 0:
            raise UploadRefused("pdf_empty", N_("The PDF has no pages. Upload the complete document."))
        reader.pages[0].extract_text()  # the first page's content must parse too
        if _active_content(reader):
            raise UploadRefused("pdf_active",
                                N_("The PDF contains active content (scripts, automatic actions, embedded files "
                                   "or an XFA form), which the bureau cannot accept. Open it and print it to a new "
                                   "PDF (in the print window choose \"Save as PDF\" or \"Microsoft Print to "
                                   "PDF\"), then upload the new file."))
    except UploadRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        raise UploadRefused("pdf_broken", N_("The PDF cannot be read: the file is damaged or incomplete. "
                                             "Save or scan it again and upload the new file.")) from None


# What makes a PDF act when it is opened or clicked (ISO 32000 actions and their carriers).
ACTIVE_KEYS = frozenset({"/JavaScript", "/JS", "/EmbeddedFiles", "/EmbeddedFile", "/XFA", "/RichMedia"})
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR",
                            "/Rendition", "/RichMediaExecute", "/Sound", "/Movie"})
ACTIVE_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"})
MAX_PDF_OBJECTS = 200_000  # a walk bound: more objects than any scan has is itself suspect


def _active_content(reader):
    """Whether any object reachable from the trailer is (or carries) active content."""
    seen, stack, visited = set(), [reader.trailer], 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return True
        if isinstance(node, DictionaryObject):
            if ACTIVE_KEYS.intersection(node.keys()) or node.get("/S") in ACTIVE_ACTIONS \
                    or node.get("/Subtype") in ACTIVE_SUBTYPES:
                return True
            stack.extend(value for key, value in node.items() if key != "/Parent")
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


def check_limits(count, total_bytes, new_size, max_files, max_bytes, replacing_size=None):
    """Refuse a file that would make more than `max_files` files or `max_bytes` in all."""
    if replacing_size is None and count + 1 > max_files:
        raise UploadRefused("too_many_files",
                            N_("You can attach at most %(max)d files. Remove a file you do not need, or "
                               "combine several pages into one PDF."), max=max_files)
    after = total_bytes - (replacing_size or 0) + new_size
    if after > max_bytes:
        raise UploadRefused("too_large",
                            N_("The files would be %(total)s in all; at most %(max)s is allowed, the photo "
                               "included. Make this file smaller (for example scan at a lower resolution) "
                               "or remove another file."),
                            total=file_size(after), max=file_size(max_bytes))


def file_size(size, locale="ja"):
    """A size as people read it (CLDR units): whole KB below 1 MB (a small file is 1 KB, never "0.0 MB"; nothing
    is 0 KB); MB with one decimal above."""
    if size < MEGABYTE:
        kilobytes = math.ceil(size / KILOBYTE) if size else 0
        return format_unit(kilobytes, "digital-kilobyte", length="short", locale=locale)
    return format_unit(size / MEGABYTE, "digital-megabyte", length="short", format="#,##0.#", locale=locale)


def stored_file_name(raw):
    """The name shown back to the applicant: no path, no control characters, not too long."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in "<>")
    return name[-120:] or "file"
